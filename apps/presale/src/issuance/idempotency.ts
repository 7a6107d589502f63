import { EntityManager } from 'typeorm';
import { PresaleErrors } from './presale.exception';

/**
 * Holds an idempotency key for the caller's transaction. Another transaction holding it → 409 (in
 * flight); a stored key → the stored response for the same body, 422 for another body; null → new.
 */
export async function claimIdempotencyKey<T>(
  manager: EntityManager,
  clientId: string,
  key: string,
  requestHash: string,
): Promise<T | null> {
  const [lock] = (await manager.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 7)) AS locked`, [
    `presale-idem:${clientId}:${key}`,
  ])) as Array<{ locked: boolean }>;
  if (!lock?.locked) throw PresaleErrors.keyInFlight();
  const rows: Array<{ request_hash: string; response: T }> = await manager.query(
    `SELECT request_hash, response FROM idempotency_key WHERE client_id = $1 AND idempotency_key = $2`,
    [clientId, key],
  );
  if (rows.length === 0) return null;
  if (rows[0]!.request_hash !== requestHash) throw PresaleErrors.keyReused();
  return rows[0]!.response;
}

/** Stores the response with the key, in the same transaction as the record. */
export async function storeIdempotentResponse(
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
