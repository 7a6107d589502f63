import { Injectable } from '@nestjs/common';
import { ScanRefV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';

/** Statements on scan_file, in the transaction of the record the scan belongs to. */
@Injectable()
export class ScanRepository {
  async insert(
    manager: EntityManager,
    ref: ScanRefV1,
    bytes: Buffer,
    uploadedBy: string,
  ): Promise<{ id: string; uploaded_at: Date }> {
    const rows: Array<{ id: string; uploaded_at: Date }> = await manager.query(
      `INSERT INTO scan_file (sha256, content_type, size, file_name, content, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, uploaded_at`,
      [ref.sha256, ref.contentType, bytes.byteLength, ref.fileName, bytes, uploadedBy],
    );
    return rows[0]!;
  }
}
