import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface CorrelationStore {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationStore>();
const VALID_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/** Runs fn with a correlation id visible to every log line written inside it. */
export function runWithCorrelation<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Accepts a caller's id only if it is sane (no log injection); otherwise makes a new one. */
export function acceptOrCreateCorrelationId(candidate: unknown): string {
  return typeof candidate === 'string' && VALID_ID.test(candidate) ? candidate : randomUUID();
}
