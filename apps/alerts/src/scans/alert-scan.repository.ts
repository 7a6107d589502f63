import { Injectable } from '@nestjs/common';
import { ScanRefV1 } from '@hn/messages';
import { EntityManager } from 'typeorm';

export type AlertScanKind = 'DISMISSAL_EVIDENCE' | 'ACCEPTANCE_DOCUMENT' | 'APPEAL_EVIDENCE';

/** Scans kept by the alerts service (dismissal evidence, acceptance documents, appeal evidence), in the record's transaction. */
@Injectable()
export class AlertScanRepository {
  async insert(m: EntityManager, kind: AlertScanKind, ref: ScanRefV1, bytes: Buffer, by: string): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO alert_scan (kind, sha256, content_type, size, file_name, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
      [kind, ref.sha256, ref.contentType, bytes.byteLength, ref.fileName, bytes, by],
    );
    return rows[0]!.id;
  }
}
