import { randomUUID } from 'node:crypto';
import { ErrorCode, isScanRef, SCAN_STAGING_BUCKET, SCAN_STAGING_TTL_MS, ScanRefV1 } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { NatsConnection, nanos, ObjectStore, StorageType } from 'nats';
import { checkScanBytes, sha256Hex } from './scan-type';

/**
 * Carries scans from the gateway to the owning service through the JetStream object store (NATS
 * messages are limited to 1 MB by default; scans may be 20 MB). Staged objects expire after
 * SCAN_STAGING_TTL_MS: the service keeps its own copy in its database, in the same transaction as
 * the record, so a rejected request leaves nothing behind but an expiring staging object.
 */
export class ScanStaging {
  private store?: Promise<ObjectStore>;

  constructor(private readonly nc: NatsConnection) {}

  /** Stages checked bytes; the caller has already validated type and size. */
  async stage(bytes: Uint8Array, contentType: ScanRefV1['contentType'], fileName: string): Promise<ScanRefV1> {
    const store = await this.bucket();
    const stagingKey = randomUUID();
    await store.putBlob({ name: stagingKey }, bytes);
    return { stagingKey, sha256: sha256Hex(bytes), contentType, size: bytes.byteLength, fileName };
  }

  /**
   * Reads a staged scan and checks it again where it is used: present, same size and SHA-256,
   * PDF/JPEG/PNG by content and the declared type. Throws 422 SCAN_UNAVAILABLE otherwise.
   */
  async take(ref: ScanRefV1, field = 'scan'): Promise<Buffer> {
    if (!isScanRef(ref)) throw unavailable(field, '扫描件引用无效 (invalid scan reference)');
    const store = await this.bucket();
    const bytes = await store.getBlob(ref.stagingKey);
    if (!bytes)
      throw unavailable(field, '扫描件已过期或不存在，请重新上传 (staged scan expired or missing; upload again)');
    const checked = checkScanBytes(bytes);
    if (
      !checked.ok ||
      checked.contentType !== ref.contentType ||
      bytes.byteLength !== ref.size ||
      sha256Hex(bytes) !== ref.sha256
    ) {
      throw unavailable(field, '扫描件与其摘要不符 (staged scan does not match its digest)');
    }
    return Buffer.from(bytes);
  }

  /** For /health: the bucket answers (opened, or created, on the first call). */
  async check(): Promise<void> {
    await (await this.bucket()).status();
  }

  private bucket(): Promise<ObjectStore> {
    // A failed open is retried by the next call rather than cached.
    this.store ??= this.nc
      .jetstream()
      .views.os(SCAN_STAGING_BUCKET, { ttl: nanos(SCAN_STAGING_TTL_MS), storage: StorageType.File })
      .catch((err: unknown) => {
        this.store = undefined;
        throw err;
      });
    return this.store;
  }
}

function unavailable(field: string, reason: string): DomainException {
  return new DomainException(422, ErrorCode.SCAN_UNAVAILABLE, `扫描件不可用：${reason}`, [{ field, reason }]);
}

// the shape rule of a staged scan reference is a payload rule of @hn/messages (written once)
export { isScanRef };
