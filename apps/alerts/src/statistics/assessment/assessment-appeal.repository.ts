import { Injectable } from '@nestjs/common';
import { AssessmentAppealStateV1, AssessmentAppealV1 } from '@hn/messages';
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
}

const SELECT = `SELECT id, region_code, rule_id, item_id, reason, evidence, state, submitted_by, submitted_at,
                       decided_by, decided_at, opinion FROM assessment_appeal`;

const toV1 = (r: AppealRow): AssessmentAppealV1 => ({
  id: r.id,
  regionCode: r.region_code,
  regionName: regionName(r.region_code) ?? r.region_code,
  ruleId: r.rule_id,
  itemId: r.item_id,
  reason: r.reason,
  evidence: r.evidence,
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

  async find(m: EntityManager, id: string, forUpdate = false): Promise<AssessmentAppealV1 | null> {
    const rows: AppealRow[] = await m.query(`${SELECT} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
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
    const where = `region_code = ANY ($1::text[]) AND ($2::text IS NULL OR state = $2)`;
    const [{ total }] = (await m.query(`SELECT count(*)::int AS total FROM assessment_appeal WHERE ${where}`, [
      codes,
      state,
    ])) as [{ total: number }];
    const rows: AppealRow[] = await m.query(
      `${SELECT} WHERE ${where} ORDER BY submitted_at DESC, id LIMIT $3 OFFSET $4`,
      [codes, state, page.limit, page.offset],
    );
    return { items: rows.map(toV1), total };
  }
}
