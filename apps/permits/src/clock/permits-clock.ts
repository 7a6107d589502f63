import { readFileSync, statSync } from 'node:fs';

/** The service's notion of now (as in alerts): injectable so tests move the date. */
export interface Clock {
  now(): Date;
}

export const PERMITS_CLOCK = Symbol('PERMITS_CLOCK');

export const systemClock: Clock = { now: () => new Date() };

/**
 * Tests only (PERMITS_CLOCK_FILE, refused with NODE_ENV=production): now is the instant written in
 * the file plus the real time since the file was last written, so an end-to-end suite moves the
 * date of a running process by rewriting the file. A missing or unreadable file means the system clock.
 */
export function fileClock(path: string): Clock {
  let cached: { mtimeMs: number; base: number } | null = null;
  return {
    now(): Date {
      try {
        const { mtimeMs } = statSync(path);
        if (!cached || cached.mtimeMs !== mtimeMs) {
          const base = Date.parse(readFileSync(path, 'utf8').trim());
          if (Number.isNaN(base)) return new Date();
          cached = { mtimeMs, base };
        }
        return new Date(cached.base + Math.max(0, Date.now() - cached.mtimeMs));
      } catch {
        return new Date();
      }
    },
  };
}
