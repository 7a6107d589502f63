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
  ScanRefV1,
} from '@hn/messages';
import { DataSource, EntityManager } from 'typeorm';
import { ApprovalErrors } from './approval.exception';
import { toApplicationV1, toStatusV1 } from './approval-mapper';
import { ApplicationRow, ApprovalRepository, TransitionRow } from './approval.repository';
import { ApprovalClockRepository, PauseRow } from './approval-clock.repository';
import { ApprovalClockService } from './clock/approval-clock.service';
import { presaleFieldErrors } from './presale-fields';
import { CommitmentLettersService } from './commitment-letters.service';

/** 施工许可申报 (the approval system's submission), the applicant's status and the staff's list and detail. */
@Injectable()
export class ApprovalApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ApprovalRepository,
    private readonly clockRepository: ApprovalClockRepository,
    private readonly clock: ApprovalClockService,
    private readonly letters: CommitmentLettersService,
  ) {}

  /** Overdue filtering computes every clock: at most this many cases are looked at per list. */
  static readonly OVERDUE_SCAN_LIMIT = 5000;

  /** `body` was validated with PermitApplicationSubmission by @RpcHandler(Rpc.approvalApplicationSubmit). */
  async submit(principal: Principal, body: PermitApplicationSubmissionV1): Promise<PermitApplicationReceiptV1> {
    return this.dataSource.transaction(async (m) => {
      await this.repository.lockProject(m, body.projectCode);
      const project = await this.repository.project(m, body.projectCode);
      if (!project?.registered) throw ApprovalErrors.projectNotFound(body.projectCode);
      assertRegionAllowed(principal, project.region_code, { field: 'projectCode' });
      const errors: FieldError[] = presaleFieldErrors(project.project_type, body);
      if (errors.length > 0) throw ApprovalErrors.invalid(errors);
      const id = randomUUID();
      const at = this.clock.now();
      // the letter's bytes are kept in their own table; the stored form holds no scan reference
      const letter = body.capitalGuarantee?.commitmentLetter ?? null;
      const form: PermitApplicationSubmissionV1 = {
        ...body,
        worksCategoryCode: body.worksCategoryCode ?? '01',
        ...(body.capitalGuarantee
          ? { capitalGuarantee: { applies: body.capitalGuarantee.applies, amountFen: body.capitalGuarantee.amountFen } }
          : {}),
      };
      await this.repository.lockType(m, body.projectCode);
      await this.repository.insertApplication(m, {
        id,
        projectCode: body.projectCode,
        regionCode: project.region_code,
        form,
        actor: principal.id,
        at,
      });
      // checked again where it is kept (version 1): present in the staging store, same size, digest and type
      if (letter) await this.letters.keep(m, id, letter, 'capitalGuarantee.commitmentLetter', principal.id, at);
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
        fieldsSeen: {
          projectType: project.project_type,
          ...(letter ? { commitmentLetter: { sha256: letter.sha256, fileName: letter.fileName } } : {}),
        },
        at,
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
    const { row, history, pauses } = await this.load(principal, applicationId);
    return toApplicationV1(row, history, this.clock.view(row.region_code, history, pauses));
  }

  /**
   * 承诺函下载 for staff of the application's region: the current letter's bytes are staged again (NATS
   * messages are limited to 1 MB) and the reference answered; the gateway takes them and streams the file.
   */
  async commitmentLetter(principal: Principal, applicationId: string): Promise<ScanRefV1> {
    assertStaff(principal);
    const m = this.dataSource.manager;
    const row = await this.repository.application(m, applicationId);
    if (!row) throw ApprovalErrors.applicationNotFound(applicationId);
    assertRegionAllowed(principal, row.region_code, { what: `施工许可申请 ${applicationId}` });
    const staged = await this.letters.stageCurrent(m, applicationId);
    if (!staged) throw ApprovalErrors.commitmentLetterNotFound(applicationId);
    return staged;
  }

  /** `q` was validated with ApplicationListRequest by @RpcHandler(Rpc.approvalApplicationList). */
  async list(principal: Principal, q: ApplicationListRequestV1): Promise<PermitApplicationPageV1> {
    assertStaff(principal);
    if (q.regionCode) assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    const m = this.dataSource.manager;
    const now = this.clock.now();
    if (q.overdue === undefined) {
      const { rows, total } = await this.repository.list(m, principal.regions, q);
      const items = await this.views(m, rows, now);
      return { items, page: q.page, pageSize: q.pageSize, total };
    }
    // 超时筛选: the clocks depend on the calendar and the pauses, so they are computed here for the
    // cases the other filters leave (at most OVERDUE_SCAN_LIMIT, newest first), then paged
    const { rows } = await this.repository.list(m, principal.regions, {
      ...q,
      page: 1,
      pageSize: ApprovalApplicationsService.OVERDUE_SCAN_LIMIT,
    });
    const all = await this.views(m, rows, now);
    const wanted = all.filter((a) => this.clock.isOverdueView(a.clock) === q.overdue);
    const start = (q.page - 1) * q.pageSize;
    return { items: wanted.slice(start, start + q.pageSize), page: q.page, pageSize: q.pageSize, total: wanted.length };
  }

  private async views(m: EntityManager, rows: ApplicationRow[], now: Date): Promise<PermitApplicationV1[]> {
    const ids = rows.map((r) => r.application_id);
    const histories = await this.repository.history(m, ids);
    const pauses = await this.clockRepository.pauses(m, ids);
    return rows.map((r) => {
      const history = histories.get(r.application_id) ?? [];
      return toApplicationV1(
        r,
        history,
        this.clock.view(r.region_code, history, pauses.get(r.application_id) ?? [], now),
      );
    });
  }

  /** The id is a UUID: ApplicationIdRequest, applied by @RpcHandler on the status and detail reads. */
  private async load(
    principal: Principal,
    applicationId: string,
  ): Promise<{ row: ApplicationRow; history: TransitionRow[]; pauses: PauseRow[] }> {
    const m = this.dataSource.manager;
    const row = await this.repository.application(m, applicationId);
    if (!row) throw ApprovalErrors.applicationNotFound(applicationId);
    assertRegionAllowed(principal, row.region_code, { what: `施工许可申请 ${applicationId}` });
    const history = (await this.repository.history(m, [applicationId])).get(applicationId) ?? [];
    const pauses = (await this.clockRepository.pauses(m, [applicationId])).get(applicationId) ?? [];
    return { row, history, pauses };
  }
}
