import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff } from '@hn/auth';
import {
  ApplicationListRequestV1,
  FieldError,
  PermitApplicationPageV1,
  PermitApplicationReceiptV1,
  PermitApplicationStatusV1,
  PermitApplicationSubmissionV1,
  PermitApplicationV1,
  Principal,
} from '@hn/messages';
import { DataSource } from 'typeorm';
import { ApprovalErrors } from './approval.exception';
import { toApplicationV1, toStatusV1 } from './approval-mapper';
import { ApplicationRow, ApprovalRepository, TransitionRow } from './approval.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 施工许可申报 (the approval system's submission), the applicant's status and the staff's list and detail. */
@Injectable()
export class ApprovalApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ApprovalRepository,
  ) {}

  /** `body` was validated with PermitApplicationSubmission by @RpcHandler(Rpc.approvalApplicationSubmit). */
  async submit(principal: Principal, body: PermitApplicationSubmissionV1): Promise<PermitApplicationReceiptV1> {
    return this.dataSource.transaction(async (m) => {
      await this.repository.lockProject(m, body.projectCode);
      const project = await this.repository.project(m, body.projectCode);
      if (!project?.registered) throw ApprovalErrors.projectNotFound(body.projectCode);
      assertRegionAllowed(principal, project.region_code, { field: 'projectCode' });
      const errors: FieldError[] = [];
      const presale = project.project_type === 'PRESALE';
      for (const field of ['capitalGuarantee', 'fundSupervision'] as const) {
        const given = body[field] !== undefined && body[field] !== null;
        if (presale && !given) errors.push({ field, reason: '预售商品房项目必填 (required for PRESALE projects)' });
        if (!presale && given)
          errors.push({ field, reason: '仅预售商品房项目填写，其它类型须为 null (PRESALE projects only)' });
      }
      if (errors.length > 0) throw ApprovalErrors.invalid(errors);
      const id = randomUUID();
      const form = { ...body, worksCategoryCode: body.worksCategoryCode ?? '01' };
      await this.repository.lockType(m, body.projectCode);
      await this.repository.insertApplication(m, {
        id,
        projectCode: body.projectCode,
        regionCode: project.region_code,
        form,
        actor: principal.id,
      });
      await this.repository.recordTransition(m, {
        id,
        from: 'ACCEPTANCE',
        to: 'ACCEPTANCE',
        action: 'SUBMIT',
        state: 'SUBMITTED',
        actor: principal.id,
        actorRole: null,
        opinion: '建设单位工改系统申报',
        items: [],
        reasonCode: null,
        fieldsSeen: { projectType: project.project_type },
      });
      return { applicationId: id, state: 'SUBMITTED', stage: 'ACCEPTANCE' };
    });
  }

  async status(principal: Principal, applicationId: string): Promise<PermitApplicationStatusV1> {
    const { row, history } = await this.load(principal, applicationId);
    return toStatusV1(row, history);
  }

  async get(principal: Principal, applicationId: string): Promise<PermitApplicationV1> {
    assertStaff(principal);
    const { row, history } = await this.load(principal, applicationId);
    return toApplicationV1(row, history);
  }

  /** `q` was validated with ApplicationListRequest by @RpcHandler(Rpc.approvalApplicationList). */
  async list(principal: Principal, q: ApplicationListRequestV1): Promise<PermitApplicationPageV1> {
    assertStaff(principal);
    if (q.regionCode) assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    const { rows, total } = await this.repository.list(this.dataSource.manager, principal.regions, q);
    const histories = await this.repository.history(
      this.dataSource.manager,
      rows.map((r) => r.application_id),
    );
    return {
      items: rows.map((r) => toApplicationV1(r, histories.get(r.application_id) ?? [])),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  private async load(
    principal: Principal,
    applicationId: unknown,
  ): Promise<{ row: ApplicationRow; history: TransitionRow[] }> {
    if (typeof applicationId !== 'string' || !UUID.test(applicationId))
      throw ApprovalErrors.invalid([{ field: 'applicationId', reason: '须为申请编号 UUID (application id)' }]);
    const m = this.dataSource.manager;
    const row = await this.repository.application(m, applicationId);
    if (!row) throw ApprovalErrors.applicationNotFound(applicationId);
    assertRegionAllowed(principal, row.region_code, { what: `施工许可申请 ${applicationId}` });
    const history = (await this.repository.history(m, [applicationId])).get(applicationId) ?? [];
    return { row, history };
  }
}
