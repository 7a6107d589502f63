import { randomBytes } from 'node:crypto';

/**
 * A lowercase identifier `<prefix>_<time><random>` that is a valid Postgres database name and
 * JetStream stream/consumer name, unique across parallel jest workers.
 */
export function uniqueName(prefix: string): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, '_')
      .replace(/^([0-9])/, '_$1') || 't';
  const suffix = `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  // 63 bytes is the Postgres identifier limit; keep the random suffix intact.
  return `${clean.slice(0, 62 - suffix.length)}_${suffix}`;
}
