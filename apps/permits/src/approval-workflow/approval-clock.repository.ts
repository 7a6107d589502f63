import { Injectable } from '@nestjs/common';
import type { ApprovalStage, PauseKind } from '@hn/messages';
import { EntityManager } from 'typeorm';

export interface PauseRow {
  application_id: string;
  stage: ApprovalStage;
  kind: PauseKind;
  notice_number: string;
  reason: string;
  notice_date: string;
  started_at: Date;
  started_by: string;
  ended_at: Date | null;
  ended_by: string | null;
}

/** SQL of the approval clocks: pauses with their written notices, and the overdue marks of the sweep. */
@Injectable()
export class ApprovalClockRepository {
  async pauses(m: EntityManager, ids: string[]): Promise<Map<string, PauseRow[]>> {
    const rows: PauseRow[] = await m.query(
      `SELECT application_id, stage, kind, notice_number, reason, to_char(notice_date, 'YYYY-MM-DD') AS notice_date,
              started_at, started_by, ended_at, ended_by
         FROM permit_application_pause WHERE application_id = ANY($1::uuid[]) ORDER BY application_id, id`,
      [ids],
    );
    const out = new Map<string, PauseRow[]>(ids.map((id) => [id, []]));
    for (const r of rows) out.get(r.application_id)!.push(r);
    return out;
  }

  async startPause(
    m: EntityManager,
    p: {
      id: string;
      stage: ApprovalStage;
      kind: PauseKind;
      noticeNumber: string;
      reason: string;
      noticeDate: string;
      at: Date;
      actor: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO permit_application_pause
         (application_id, stage, kind, notice_number, reason, notice_date, started_at, started_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [p.id, p.stage, p.kind, p.noticeNumber, p.reason, p.noticeDate, p.at, p.actor],
    );
  }

  /** Ends the running pause of a case, if any. */
  async endPause(m: EntityManager, id: string, at: Date, actor: string): Promise<void> {
    await m.query(
      `UPDATE permit_application_pause SET ended_at = $2, ended_by = $3 WHERE application_id = $1 AND ended_at IS NULL`,
      [id, at, actor],
    );
  }

  async setOverdueStage(m: EntityManager, id: string, stage: ApprovalStage | null): Promise<void> {
    await m.query(`UPDATE permit_application SET overdue_stage = $2 WHERE application_id = $1`, [id, stage]);
  }

  /** Open cases whose current stage has not been published overdue yet (the sweep's candidates). */
  async sweepCandidates(m: EntityManager, limit: number): Promise<string[]> {
    const rows: Array<{ application_id: string }> = await m.query(
      `SELECT application_id FROM permit_application
        WHERE stage <> 'CLOSED' AND overdue_stage IS DISTINCT FROM stage
        ORDER BY submitted_at, application_id LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.application_id);
  }
}
