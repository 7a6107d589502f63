import { SeededRandom } from './seeded-random';

/** What the simulator does with one request of /api/filings. */
export type Fault = 'ok' | '500' | '503' | 'timeout';

export interface FaultOptions {
  /** probability of a random 500 per request (MARKET_SIM_FAULT_RATE), default 0 */
  rate?: number;
  /** what a random fault is: '500', '503', 'timeout' or 'mixed' (MARKET_SIM_FAULT_KIND) */
  kind?: Exclude<Fault, 'ok'> | 'mixed';
  seed?: number;
}

/**
 * Transient failures on demand: a scripted queue (tests: `script(['ok','500','timeout'])`, or POST
 * /api/_faults) served first, then random faults at the configured rate.
 */
export class FaultInjector {
  private queue: Fault[] = [];
  private readonly rng: SeededRandom;
  private rate: number;
  private kind: Exclude<Fault, 'ok'> | 'mixed';

  constructor(options: FaultOptions = {}) {
    this.rate = options.rate ?? 0;
    this.kind = options.kind ?? '500';
    this.rng = new SeededRandom(options.seed ?? 7);
  }

  /** The next requests get these outcomes, in order; then back to the random rate. */
  script(faults: Fault[]): void {
    this.queue = [...faults];
  }

  configure(options: { rate?: number; kind?: Exclude<Fault, 'ok'> | 'mixed' }): void {
    if (options.rate !== undefined) this.rate = options.rate;
    if (options.kind !== undefined) this.kind = options.kind;
  }

  clear(): void {
    this.queue = [];
    this.rate = 0;
  }

  get pending(): number {
    return this.queue.length;
  }

  next(): Fault {
    const scripted = this.queue.shift();
    if (scripted) return scripted;
    if (this.rate <= 0 || !this.rng.chance(this.rate)) return 'ok';
    return this.kind === 'mixed' ? this.rng.pick(['500', '503', 'timeout'] as const) : this.kind;
  }
}

export function isFault(value: unknown): value is Fault {
  return value === 'ok' || value === '500' || value === '503' || value === 'timeout';
}
