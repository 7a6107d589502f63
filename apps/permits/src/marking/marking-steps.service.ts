import { Injectable } from '@nestjs/common';
import {
  MarkingBatchRequestV1,
  MarkingBatchResultV1,
  MarkingWithdrawRequestV1,
  MarkingWithdrawResultV1,
  Principal,
  ProjectType,
  SupervisionStateV1,
} from '@hn/messages';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { assertRegionsAllowed, assertStaff } from '@hn/auth';
import { checkPermitNumbers, checkProjectType } from './marking-access';
import {
  effectiveType,
  lockProjects,
  lockUnsubmittedProjects,
  permitsOfProjects,
  toMarkedProject,
} from './marking-sql';
import { MarkingErrors } from './marking.errors';

interface StepProjectRow {
  project_code: string;
  region_code: string;
  official_type: ProjectType | null;
  previous_type: ProjectType | null;
  previous_state: SupervisionStateV1 | null;
  state: SupervisionStateV1 | null;
  marked_type: ProjectType | null;
  current_step: string | null;
}

/**
 * 批量标记 and 撤回: a batch is one step (who, when, per project the type and marking before it);
 * withdraw undoes the caller's newest step that still has an unsubmitted project. Set-based SQL in
 * one transaction under per-project advisory locks: a batch of 1,000 permits is ~7 statements.
 */
@Injectable()
export class MarkingStepsService {
  constructor(private readonly dataSource: DataSource) {}

  async batch(principal: Principal, body: MarkingBatchRequestV1): Promise<MarkingBatchResultV1> {
    assertStaff(principal);
    const numbers = checkPermitNumbers(principal, body?.permitNumbers);
    const projectType = checkProjectType(body?.projectType);
    return this.dataSource.transaction(async (m) => {
      const { projects } = await lockUnsubmittedProjects(m, principal, numbers);
      const changed = projects.filter((p) => !(p.state === 'DRAFT' && p.marked_type === projectType));
      const unchanged = projects.filter((p) => !changed.includes(p)).map((p) => p.project_code);
      if (changed.length === 0) return { stepId: null, projects: [], unchanged };

      const stepId = randomUUID();
      const changedCodes = changed.map((p) => p.project_code);
      await m.query(
        `INSERT INTO marking_step (step_id, actor, project_type, permit_numbers) VALUES ($1, $2, $3, $4::text[])`,
        [stepId, principal.id, projectType, numbers],
      );
      // what each project was before this step, for withdraw
      await m.query(
        `INSERT INTO marking_step_project (step_id, project_code, project_type, previous_type, previous_state, previous_marked_by, previous_marked_at, previous_step_id)
         SELECT $1, p.project_code, $2, CASE WHEN pm.state = 'DRAFT' THEN pm.marked_type ELSE p.project_type END, pm.state, pm.marked_by, pm.marked_at, pm.step_id
           FROM project p LEFT JOIN project_marking pm ON pm.project_code = p.project_code WHERE p.project_code = ANY($3::text[])`,
        [stepId, projectType, changedCodes],
      );
      await m.query(
        `INSERT INTO project_marking AS pm (project_code, state, marked_type, marked_by, marked_at, step_id)
         SELECT c, 'DRAFT', $2, $3, now(), $4 FROM unnest($1::text[]) AS c
         ON CONFLICT (project_code) DO UPDATE SET state = 'DRAFT', marked_type = EXCLUDED.marked_type, marked_by = EXCLUDED.marked_by,
           marked_at = EXCLUDED.marked_at, step_id = EXCLUDED.step_id, updated_at = now()`,
        [changedCodes, projectType, principal.id, stepId],
      );
      const permits = await permitsOfProjects(m, changedCodes);
      return {
        stepId,
        projects: changed.map((p) => toMarkedProject(p, effectiveType(p), projectType, 'DRAFT', permits)),
        unchanged,
      };
    });
  }

  async withdraw(principal: Principal, _body?: MarkingWithdrawRequestV1): Promise<MarkingWithdrawResultV1> {
    assertStaff(principal);
    return this.dataSource.transaction(async (m) => {
      // one withdraw of a user at a time: two concurrent ones undo two steps, never the same one twice
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('marking-actor:' || $1))`, [principal.id]);
      const step = await this.lastOpenStep(m, principal.id);
      if (!step) throw MarkingErrors.nothingToWithdraw();
      const stepId = step.step_id;
      const codes = (
        (await m.query(`SELECT project_code FROM marking_step_project WHERE step_id = $1 ORDER BY project_code`, [
          stepId,
        ])) as Array<{ project_code: string }>
      ).map((r) => r.project_code);
      await lockProjects(m, codes);
      const rows: StepProjectRow[] = await m.query(
        `SELECT sp.project_code, p.region_code, p.project_type AS official_type, sp.previous_type, sp.previous_state, pm.state, pm.marked_type, pm.step_id AS current_step
           FROM marking_step_project sp JOIN project p ON p.project_code = sp.project_code LEFT JOIN project_marking pm ON pm.project_code = sp.project_code
          WHERE sp.step_id = $1 ORDER BY sp.project_code`,
        [stepId],
      );
      assertRegionsAllowed(
        principal,
        'projectCode',
        rows.map((r) => ({ key: r.project_code, regionCode: r.region_code })),
      );
      const locked = rows.filter((r) => r.state === 'SUBMITTED').map((r) => r.project_code);
      if (locked.length > 0) throw MarkingErrors.locked(locked);

      // projects still as this step left them go back to what they were before it
      await m.query(
        `DELETE FROM project_marking pm USING marking_step_project sp
          WHERE sp.step_id = $1 AND pm.project_code = sp.project_code AND pm.step_id = $1 AND sp.previous_state IS NULL`,
        [stepId],
      );
      await m.query(
        `UPDATE project_marking pm SET state = 'DRAFT', marked_type = sp.previous_type, marked_by = sp.previous_marked_by, marked_at = sp.previous_marked_at,
                step_id = sp.previous_step_id, updated_at = now()
           FROM marking_step_project sp
          WHERE sp.step_id = $1 AND pm.project_code = sp.project_code AND pm.step_id = $1 AND sp.previous_state = 'DRAFT'`,
        [stepId],
      );
      // projects another user's later step changed keep that change; that step now undoes to what was before this one
      await m.query(
        `UPDATE marking_step_project t SET previous_type = sp.previous_type, previous_state = sp.previous_state, previous_marked_by = sp.previous_marked_by,
                previous_marked_at = sp.previous_marked_at, previous_step_id = sp.previous_step_id
           FROM marking_step_project sp, marking_step ts
          WHERE sp.step_id = $1 AND t.project_code = sp.project_code AND t.previous_step_id = $1 AND ts.step_id = t.step_id AND ts.withdrawn_at IS NULL`,
        [stepId],
      );
      await m.query(`UPDATE marking_step SET withdrawn_at = now(), withdrawn_by = $2 WHERE step_id = $1`, [
        stepId,
        principal.id,
      ]);

      const restored = rows.filter((r) => r.current_step === stepId);
      const superseded = rows.filter((r) => r.current_step !== stepId);
      return {
        stepId,
        withdrawnType: step.project_type,
        projects: [
          ...restored.map((r) => ({
            projectCode: r.project_code,
            projectType: r.previous_state === 'DRAFT' ? r.previous_type : r.official_type,
          })),
          ...superseded.map((r) => ({
            projectCode: r.project_code,
            projectType: effectiveType({ ...r, project_type: r.official_type }),
          })),
        ].sort((a, b) => (a.projectCode < b.projectCode ? -1 : 1)),
        superseded: superseded.map((r) => r.project_code),
      };
    });
  }

  /** The caller's newest step, not withdrawn, with at least one project not yet submitted. */
  private async lastOpenStep(
    m: EntityManager,
    actor: string,
  ): Promise<{ step_id: string; project_type: ProjectType } | null> {
    const rows: Array<{ step_id: string; project_type: ProjectType }> = await m.query(
      `SELECT s.step_id, s.project_type FROM marking_step s
        WHERE s.actor = $1 AND s.withdrawn_at IS NULL AND s.closed_at IS NULL
          AND EXISTS (SELECT 1 FROM marking_step_project sp LEFT JOIN project_marking pm ON pm.project_code = sp.project_code
                       WHERE sp.step_id = s.step_id AND pm.state IS DISTINCT FROM 'SUBMITTED')
        ORDER BY s.seq DESC LIMIT 1`,
      [actor],
    );
    return rows[0] ?? null;
  }
}
