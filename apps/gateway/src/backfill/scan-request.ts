import { ErrorCode, IDEMPOTENCY_KEY_FIELD_ERROR, IDEMPOTENCY_KEY_INVALID_DETAIL, ScanRefV1 } from '@hn/messages';
import { DomainException } from '@hn/errors';
import type { FastifyRequest } from 'fastify';
import { IDEMPOTENCY_KEY_HEADER, readIdempotencyKey } from '../presale/idempotency-key.guard';
import { ScanUploadService } from '../scans/scan-upload.service';

/**
 * Reads a multipart upload and validates its `data` part. The parsed (unvalidated) `data` becomes the
 * request body seen by the AuditInterceptor, so a refused upload is audited with what was sent,
 * never with the scan bytes.
 */
export async function readScanRequest<T>(
  uploads: ScanUploadService,
  request: FastifyRequest,
  validate: (raw: unknown) => Promise<T>,
): Promise<{ data: T; scan: ScanRefV1 }> {
  return uploads.read(request, async (raw) => {
    request.body = { data: raw };
    return validate(raw);
  });
}

/** Optional Idempotency-Key: absent → undefined; present but malformed → 400. */
export function optionalIdempotencyKey(request: FastifyRequest): string | undefined {
  if (request.headers[IDEMPOTENCY_KEY_HEADER] === undefined) return undefined;
  const key = readIdempotencyKey(request.headers);
  if (key === null) {
    throw new DomainException(400, ErrorCode.IDEMPOTENCY_KEY_REQUIRED, IDEMPOTENCY_KEY_INVALID_DETAIL, [
      IDEMPOTENCY_KEY_FIELD_ERROR,
    ]);
  }
  return key;
}
