import { Injectable } from '@nestjs/common';
import { AppealEvidenceScanV1, AssessmentAppealStateV1, AssessmentAppealV1, ScanContentTypeV1 } from '@hn/messages';
import { regionName } from '@hn/numbering';
import { EntityManager } from 'typeorm';

interface AppealRow {
  id: string;
  region_code: string;
  rule_id: string;
  item_id: string;
  reason: string;
  evidence: string | null;
  state: AssessmentAppealStateV1;
  submitted_by: string;
  submitted_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  opinion: string | null;
  scans: Array<Omit<AppealEvidenceScanV1, 'link'>>;
}

/** An evidence scan's bytes with the appeal's region (checked before they are handed out). */
export interface AppealScanContent {
  regionCode: string;
  contentType: ScanContentTypeV1;
  fileName: string;
  content: Buffer;
}

const SELECT = `SELECT a.id, a.region_code, a.rule_id, a.item_id, a.reason, a.evidence, a.state, a.submitted_by,
       a.submitted_at, a.decided_by, a.decided_at, a.opinion,
       COALESCE((SELECT json_agg(json_build_object('position', x.position, 'sha256', s.sha256,
                   'contentType', s.content_type, 'size', s.size, 'fileName', s.file_name,
                   'uploadedAt', s.uploaded_at) ORDER BY x.position)
                   FROM assessment_appeal_scan x JOIN alert_scan s ON s.id = x.scan_id
                  WHERE x.appeal_id = a.id), '[]'::json) AS scans
  FROM assessment_appeal a`;

/** The evidence scan's download route (GET, through the gateway). */
export const appealScanLink = (appealId: string, position: number): string =>
  `/api/v1/statistics/assessment/appeals/${appealId}/evidence-scans/${position}`;

const toV1 = (r: AppealRow): AssessmentAppealV1 => ({
  id: r.id,
  regionCode: r.region_code,
  regionName: regionName(r.region_code) ?? r.region_code,
  ruleId: r.rule_id,
  itemId: r.item_id,
  reason: r.reason,
  evidence: r.evidence,
  evidenceScans: r.scans.map((x) => ({
    position: x.position,
    sha256: x.sha256,
    contentType: x.contentType,
    size: x.size,
    fileName: x.fileName,
    uploadedAt: new Date(x.uploadedAt).toISOString(),
    link: appealScanLink(r.id, x.position),
  })),
  state: r.state,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at.toISOString(),
  decidedBy: r.decided_by,
  decidedAt: r.decided_at?.toISOString() ?? null,
  opinion: r.opinion,
});

/** 考核申诉 records (the alerts service's own table). */
@Injectable()
export class AssessmentAppealRepository {
  async hasPending(m: EntityManager, ruleId: string, itemId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM assessment_appeal WHERE rule_id = $1 AND item_id = $2 AND state = 'PENDING'`,
      [ruleId, itemId],
    );
    return rows.length > 0;
  }

  async insert(
    m: EntityManager,
    a: {
      id: string;
      regionCode: string;
      ruleId: string;
      itemId: string;
      reason: string;
      evidence: string | null;
      by: string;
      at: Date;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO assessment_appeal (id, region_code, rule_id, item_id, reason, evidence, state, submitted_by, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, $8)`,
      [a.id, a.regionCode, a.ruleId, a.itemId, a.reason, a.evidence, a.by, a.at.toISOString()],
    );
  }

  /** Links the appeal's evidence scans (alert_scan ids) in submission order. */
  async linkScans(m: EntityManager, appealId: string, scanIds: readonly string[]): Promise<void> {
    for (const [i, scanId] of scanIds.entries())
      await m.query(`INSERT INTO assessment_appeal_scan (appeal_id, position, scan_id) VALUES ($1, $2, $3)`, [
        appealId,
        i + 1,
        scanId,
      ]);
  }

  /** One evidence scan's bytes, or null when the appeal has no scan at that position. */
  async scanContent(m: EntityManager, appealId: string, position: number): Promise<AppealScanContent | null> {
    const rows: Array<{ region_code: string; content_type: ScanContentTypeV1; file_name: string; content: Buffer }> =
      await m.query(
        `SELECT a.region_code, s.content_type, s.file_name, s.content
           FROM assessment_appeal a JOIN assessment_appeal_scan x ON x.appeal_id = a.id
           JOIN alert_scan s ON s.id = x.scan_id
          WHERE a.id = $1 AND x.position = $2`,
        [appealId, position],
      );
    const r = rows[0];
    return r
      ? { regionCode: r.region_code, contentType: r.content_type, fileName: r.file_name, content: r.content }
      : null;
  }

  async find(m: EntityManager, id: string, forUpdate = false): Promise<AssessmentAppealV1 | null> {
    const rows: AppealRow[] = await m.query(`${SELECT} WHERE a.id = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`, [id]);
    return rows[0] ? toV1(rows[0]) : null;
  }

  async decide(
    m: EntityManager,
    id: string,
    state: 'UPHELD' | 'REJECTED',
    by: string,
    opinion: string,
    at: Date,
  ): Promise<void> {
    await m.query(
      `UPDATE assessment_appeal SET state = $2, decided_by = $3, opinion = $4, decided_at = $5 WHERE id = $1`,
      [id, state, by, opinion, at.toISOString()],
    );
  }

  /** Appeals of the regions (codes), newest first. */
  async list(
    m: EntityManager,
    codes: string[],
    state: AssessmentAppealStateV1 | null,
    page: { offset: number; limit: number },
  ): Promise<{ items: AssessmentAppealV1[]; total: number }> {
    const where = `a.region_code = ANY ($1::text[]) AND ($2::text IS NULL OR a.state = $2)`;
    const [{ total }] = (await m.query(`SELECT count(*)::int AS total FROM assessment_appeal a WHERE ${where}`, [
      codes,
      state,
    ])) as [{ total: number }];
    const rows: AppealRow[] = await m.query(
      `${SELECT} WHERE ${where} ORDER BY a.submitted_at DESC, a.id LIMIT $3 OFFSET $4`,
      [codes, state, page.limit, page.offset],
    );
    return { items: rows.map(toV1), total };
  }
}
