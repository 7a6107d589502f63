import { Injectable } from '@nestjs/common';
import type { ApplicationOverdueEndedV1, ApplicationOverdueV1, ApprovalStage } from '@hn/messages';
import { EntityManager } from 'typeorm';

/** The facts of one approval stage as the overdue events tell them. */
export interface ApprovalStageFacts {
  applicationId: string;
  stage: ApprovalStage;
  regionCode: string;
  projectCode: string | null;
  projectName: string | null;
  committedDays: number | null;
  statutoryDays: number | null;
  elapsedDays: number | null;
  overdueAt: Date | null;
  endedAt: Date | null;
}

/** Subject key of an APPROVAL_OVERDUE alert: the case and its stage (each stage its own alert). */
export const approvalSubjectKey = (applicationId: string, stage: string): string => `${applicationId}/${stage}`;

/**
 * rm_approval_stage: overdue and overdue-ended each write their own columns (first write wins per
 * column), so the result does not depend on the order the two events arrive in.
 */
@Injectable()
export class ApprovalStageRepository {
  async overdue(m: EntityManager, d: ApplicationOverdueV1): Promise<void> {
    await m.query(
      `INSERT INTO rm_approval_stage AS s (application_id, stage, region_code, project_code, project_name,
              committed_days, statutory_days, elapsed_days, overdue_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (application_id, stage) DO UPDATE SET
         region_code = EXCLUDED.region_code, project_code = EXCLUDED.project_code, project_name = EXCLUDED.project_name,
         committed_days = EXCLUDED.committed_days, statutory_days = EXCLUDED.statutory_days,
         elapsed_days = EXCLUDED.elapsed_days, overdue_at = COALESCE(s.overdue_at, EXCLUDED.overdue_at)`,
      [
        d.applicationId,
        d.stage,
        d.regionCode,
        d.projectCode,
        d.projectName,
        d.committedDays,
        d.statutoryDays,
        d.elapsedDays,
        d.overdueAt,
      ],
    );
  }

  async ended(m: EntityManager, d: ApplicationOverdueEndedV1): Promise<void> {
    await m.query(
      `INSERT INTO rm_approval_stage AS s (application_id, stage, region_code, ended_at, ended_action)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (application_id, stage) DO UPDATE SET
         ended_at = COALESCE(s.ended_at, EXCLUDED.ended_at), ended_action = COALESCE(s.ended_action, EXCLUDED.ended_action)`,
      [d.applicationId, d.stage, d.regionCode, d.endedAt, d.action],
    );
  }

  /** Facts by subject key (applicationId/stage). */
  async facts(m: EntityManager, keys: string[]): Promise<Map<string, ApprovalStageFacts>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{
      application_id: string;
      stage: ApprovalStage;
      region_code: string;
      project_code: string | null;
      project_name: string | null;
      committed_days: number | null;
      statutory_days: number | null;
      elapsed_days: number | null;
      overdue_at: Date | null;
      ended_at: Date | null;
    }> = await m.query(
      `SELECT application_id, stage, region_code, project_code, project_name, committed_days, statutory_days,
              elapsed_days, overdue_at, ended_at
         FROM rm_approval_stage WHERE (application_id::text || '/' || stage) = ANY ($1::text[])`,
      [keys],
    );
    return new Map(
      rows.map((r) => [
        approvalSubjectKey(r.application_id, r.stage),
        {
          applicationId: r.application_id,
          stage: r.stage,
          regionCode: r.region_code,
          projectCode: r.project_code,
          projectName: r.project_name,
          committedDays: r.committed_days,
          statutoryDays: r.statutory_days,
          elapsedDays: r.elapsed_days,
          overdueAt: r.overdue_at,
          endedAt: r.ended_at,
        },
      ]),
    );
  }
}
