import { IDEMPOTENCY_KEY_FIELD_ERROR } from '@hn/messages';
import { IdempotencyKeyStore } from '@hn/persistence';
import { PresaleErrors } from './presale.exception';

/**
 * Idempotency keys of Y issuance and Z backfill (one idempotency_key table; backfill scopes its client
 * id as `staff:<id>`): in flight → 409 IDEMPOTENCY_KEY_IN_FLIGHT, reused with another body → 422
 * IDEMPOTENCY_KEY_REUSED, malformed → 422 INCOMPLETE_SUBMISSION naming Idempotency-Key.
 */
export const presaleIdempotency: IdempotencyKeyStore = new IdempotencyKeyStore({
  lockNamespace: 'presale-idem',
  lockSeed: 7,
  errors: {
    inFlight: () => PresaleErrors.keyInFlight(),
    reused: () => PresaleErrors.keyReused(),
    invalidKey: () => PresaleErrors.incomplete([IDEMPOTENCY_KEY_FIELD_ERROR]),
  },
});
