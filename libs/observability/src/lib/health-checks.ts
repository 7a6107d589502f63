import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

/** The minimum of a DataSource / NatsConnection a health check needs (keeps this lib free of them). */
export interface Queryable {
  query(sql: string): Promise<unknown>;
}
export interface NatsLike {
  isClosed(): boolean;
  flush(): Promise<void>;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

export async function checkDatabase(
  indicators: HealthIndicatorService,
  db: Queryable,
  key = 'database',
): Promise<HealthIndicatorResult> {
  const indicator = indicators.check(key);
  try {
    await withTimeout(db.query('SELECT 1'), 1500);
    return indicator.up();
  } catch (err) {
    return indicator.down({ message: err instanceof Error ? err.message : 'unreachable' });
  }
}

export async function checkNats(
  indicators: HealthIndicatorService,
  nc: NatsLike,
  key = 'nats',
): Promise<HealthIndicatorResult> {
  const indicator = indicators.check(key);
  if (nc.isClosed()) return indicator.down({ message: 'connection closed' });
  try {
    await withTimeout(nc.flush(), 1500);
    return indicator.up();
  } catch (err) {
    return indicator.down({ message: err instanceof Error ? err.message : 'unreachable' });
  }
}

/** Any other dependency: up when `probe` resolves within 1.5 s. */
export async function checkProbe(
  indicators: HealthIndicatorService,
  key: string,
  probe: () => Promise<unknown>,
): Promise<HealthIndicatorResult> {
  const indicator = indicators.check(key);
  try {
    await withTimeout(probe(), 1500);
    return indicator.up();
  } catch (err) {
    return indicator.down({ message: err instanceof Error ? err.message : 'unreachable' });
  }
}
