import { Injectable } from '@nestjs/common';
import { ScanRefV1, StoredScanV1 } from '@hn/messages';
import { ScanStaging } from '@hn/documents';
import { InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { EntityManager } from 'typeorm';
import { ScanRepository } from './scan.repository';

/** A scan as read back from scan_file (never the bytes). */
export interface ScanRow {
  scan_sha256: string;
  scan_content_type: StoredScanV1['contentType'];
  scan_size: number;
  scan_file_name: string;
  scan_uploaded_at: Date | string;
}

export function storedScanOf(row: ScanRow): StoredScanV1 {
  return {
    sha256: row.scan_sha256,
    contentType: row.scan_content_type,
    size: Number(row.scan_size),
    fileName: row.scan_file_name,
    uploadedAt: new Date(row.scan_uploaded_at).toISOString(),
  };
}

/**
 * Staff scans: taken from the JetStream staging bucket (checked again: digest, type, size) BEFORE
 * the transaction, then written as bytes into scan_file inside the transaction of the record.
 */
@Injectable()
export class ScanStore {
  private readonly staging: ScanStaging;

  constructor(
    @InjectNats() nats: NatsConnection,
    private readonly scans: ScanRepository,
  ) {
    this.staging = new ScanStaging(nats);
  }

  take(ref: ScanRefV1, field = 'scan'): Promise<Buffer> {
    return this.staging.take(ref, field);
  }

  async insert(
    manager: EntityManager,
    ref: ScanRefV1,
    bytes: Buffer,
    uploadedBy: string,
  ): Promise<{ id: string; scan: StoredScanV1 }> {
    const row = await this.scans.insert(manager, ref, bytes, uploadedBy);
    return {
      id: String(row.id),
      scan: {
        sha256: ref.sha256,
        contentType: ref.contentType,
        size: bytes.byteLength,
        fileName: ref.fileName,
        uploadedAt: new Date(row.uploaded_at).toISOString(),
      },
    };
  }
}
