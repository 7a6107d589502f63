import { isIdempotencyKey } from '@hn/messages';
import { EntityManager } from 'typeorm';

/** The errors a service answers with; each service keeps its own problem codes and wording. */
export interface IdempotencyErrors {
  /** Another transaction holds the key (presale: 409 IDEMPOTENCY_KEY_IN_FLIGHT). */
  inFlight(): Error;
  /** The key is stored with another request body (presale: 422 IDEMPOTENCY_KEY_REUSED). */
  reused(): Error;
  /** The key breaks the Idempotency-Key rule of @hn/messages (presale: 422 INCOMPLETE_SUBMISSION). */
  invalidKey(): Error;
}

export interface IdempotencyKeyStoreOptions {
  /** First part of the advisory-lock text `<namespace>:<clientId>:<key>`, e.g. `presale-idem`. */
  lockNamespace: string;
  /** Seed of hashtextextended for the lock (presale 7): keeps the locks apart from the service's other locks. */
  lockSeed: number;
  errors: IdempotencyErrors;
}

/**
 * Idempotency keys of a service with an `idempotency_key(client_id, idempotency_key, request_hash, response)`
 * table, inside the caller's transaction: `claim` takes a transaction-scoped advisory lock on the key
 * (try, never wait: a second request with the key while the first is in flight is refused), then
 * returns the stored response for the same body; `store` writes the response in the same transaction
 * as the record, so both commit or neither.
 */
export class IdempotencyKeyStore {
  private readonly lockStatement: string;

  constructor(private readonly options: IdempotencyKeyStoreOptions) {
    // the seed comes from code, never from a request; it goes into the statement text as before
    if (!Number.isSafeInteger(options.lockSeed)) throw new Error(`lockSeed must be an integer: ${options.lockSeed}`);
    this.lockStatement = `SELECT pg_try_advisory_xact_lock(hashtextextended($1, ${options.lockSeed})) AS locked`;
  }

  /** The Idempotency-Key rule of @hn/messages (the gateway checks it too). */
  assertKey(key: unknown): asserts key is string {
    if (!isIdempotencyKey(key)) throw this.options.errors.invalidKey();
  }

  /**
   * Holds the key for the caller's transaction. Another transaction holding it → `inFlight`; a stored
   * key → its response for the same request hash, `reused` for another; null → a new key.
   */
  async claim<T>(manager: EntityManager, clientId: string, key: string, requestHash: string): Promise<T | null> {
    const [lock] = (await manager.query(this.lockStatement, [
      `${this.options.lockNamespace}:${clientId}:${key}`,
    ])) as Array<{ locked: boolean }>;
    if (!lock?.locked) throw this.options.errors.inFlight();
    const rows: Array<{ request_hash: string; response: T }> = await manager.query(
      `SELECT request_hash, response FROM idempotency_key WHERE client_id = $1 AND idempotency_key = $2`,
      [clientId, key],
    );
    if (rows.length === 0) return null;
    if (rows[0]!.request_hash !== requestHash) throw this.options.errors.reused();
    return rows[0]!.response;
  }

  /** Stores the response with the key, in the same transaction as the record. */
  async store(
    manager: EntityManager,
    clientId: string,
    key: string,
    requestHash: string,
    response: unknown,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO idempotency_key (client_id, idempotency_key, request_hash, response) VALUES ($1, $2, $3, $4)`,
      [clientId, key, requestHash, JSON.stringify(response)],
    );
  }
}
