import { Injectable } from '@nestjs/common';
import {
  MarkingBatchRequestV1,
  MarkingBatchResultV1,
  MarkingWithdrawRequestV1,
  MarkingWithdrawResultV1,
  Principal,
} from '@hn/messages';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { assertRegionsAllowed, assertStaff } from '@hn/auth';
import { checkMarkingBatch } from './marking-access';
import { effectiveType, lockUnsubmittedProjects, toMarkedProject } from './marking-projects';
import { MarkingRepository } from './marking.repository';
import { MarkingErrors } from './marking.exception';

/**
 * 批量标记 and 撤回: a batch is one step (who, when, per project the type and marking before it);
 * withdraw undoes the caller's newest step that still has an unsubmitted project. Set-based SQL in
 * one transaction under per-project advisory locks: a batch of 1,000 permits is ~7 statements.
 */
@Injectable()
export class MarkingStepsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: MarkingRepository,
  ) {}

  async batch(principal: Principal, body: MarkingBatchRequestV1): Promise<MarkingBatchResultV1> {
    assertStaff(principal);
    const { numbers, projectType } = await checkMarkingBatch(principal, body);
    return this.dataSource.transaction(async (m) => {
      const { projects } = await lockUnsubmittedProjects(this.repository, m, principal, numbers);
      const changed = projects.filter((p) => !(p.state === 'DRAFT' && p.marked_type === projectType));
      const unchanged = projects.filter((p) => !changed.includes(p)).map((p) => p.project_code);
      if (changed.length === 0) return { stepId: null, projects: [], unchanged };

      const stepId = randomUUID();
      const changedCodes = changed.map((p) => p.project_code);
      await this.repository.insertStep(m, stepId, principal.id, projectType, numbers);
      // what each project was before this step, for withdraw
      await this.repository.insertStepProjects(m, stepId, projectType, changedCodes);
      await this.repository.markDraft(m, changedCodes, projectType, principal.id, stepId);
      const permits = await this.repository.permitsOfProjects(m, changedCodes);
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
      await this.repository.lockActor(m, principal.id);
      const step = await this.repository.lastOpenStep(m, principal.id);
      if (!step) throw MarkingErrors.nothingToWithdraw();
      const stepId = step.step_id;
      const codes = await this.repository.stepProjectCodes(m, stepId);
      await this.repository.lockProjects(m, codes);
      const rows = await this.repository.stepProjects(m, stepId);
      assertRegionsAllowed(
        principal,
        'projectCode',
        rows.map((r) => ({ key: r.project_code, regionCode: r.region_code })),
      );
      const locked = rows.filter((r) => r.state === 'SUBMITTED').map((r) => r.project_code);
      if (locked.length > 0) throw MarkingErrors.locked(locked);

      // projects still as this step left them go back to what they were before it; projects another
      // user's later step changed keep that change (that step now undoes to what was before this one)
      await this.repository.withdrawStep(m, stepId, principal.id);

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
}
