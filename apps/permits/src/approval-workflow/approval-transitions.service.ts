import { Inject, Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff, StaffScopes } from '@hn/auth';
import {
  ApplicantActionRequestV1,
  ApplicationTransitionRequestV1,
  ApplicationTransitionResultV1,
  CorrectableFormV1,
  correctionErrors,
  ErrorCode,
  FieldError,
  PauseNoticeV1,
  Principal,
  ScanRefV1,
} from '@hn/messages';
import { PERMITS_CONFIG, PermitsConfig } from '../config/permits.config';
import { ApprovalClockRepository } from './approval-clock.repository';
import { chinaDateOf } from './clock/approval-clock';
import { ApprovalClockService } from './clock/approval-clock.service';
import { ApprovalOverdueService } from './clock/approval-overdue.service';
import { RESUBMIT_LETTER_FIELD, resubmission } from './resubmit-corrections';
import { CommitmentLettersService } from './commitment-letters.service';
import { capitalGuaranteeOf } from './approval-mapper';
import { confirmProjectType } from './project-type-confirmation';
import { DomainException } from '@hn/errors';
import { DataSource } from 'typeorm';
import { ApprovalErrors } from './approval.exception';
import { ApplicationRow, ApprovalRepository, TransitionRow } from './approval.repository';
import { PermitIssuanceService } from './permit-issuance.service';
import {
  ActorKind,
  allowedActions,
  findTransition,
  REVIEW_STAGES,
  ReviewStage,
  SEPARATED_STAGES,
  STRICT_REVIEW_STAGES,
} from './transition-table';

interface Step {
  applicationId: string;
  action: string;
  opinion: string;
  items?: string[];
  reasonCode?: string;
  notice?: PauseNoticeV1;
  corrections?: CorrectableFormV1;
  commitmentLetter?: ScanRefV1 | null;
  confirmedProjectType?: string;
}

/**
 * 审查办理: one transition of the table per call, in one transaction with the case row locked:
 * region, table, separation of duties (初审/复审/决定 three users), strict review of a PRESALE case's
 * capital guarantee and escrow, the permit issued on PASS at DECISION, the transition recorded with
 * what the reviewer saw.
 */
@Injectable()
export class ApprovalTransitionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ApprovalRepository,
    private readonly issuance: PermitIssuanceService,
    private readonly clockRepository: ApprovalClockRepository,
    private readonly clock: ApprovalClockService,
    private readonly overdue: ApprovalOverdueService,
    private readonly letters: CommitmentLettersService,
    @Inject(PERMITS_CONFIG) private readonly config: PermitsConfig,
  ) {}

  /** `step` was validated with ApplicationTransitionRequest by @RpcHandler(Rpc.approvalApplicationTransition). */
  async staff(principal: Principal, step: ApplicationTransitionRequestV1): Promise<ApplicationTransitionResultV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionWrite });
    return this.apply(principal, 'STAFF', step);
  }

  /** `step` was validated with ApplicantActionRequest by @RpcHandler(Rpc.approvalApplicantAction). */
  async applicant(principal: Principal, step: ApplicantActionRequestV1): Promise<ApplicationTransitionResultV1> {
    if (principal?.kind !== 'integrator')
      throw new DomainException(403, ErrorCode.SCOPE_FORBIDDEN, '仅限申请方（工改系统）办理 (applicant only)');
    const corrections = await correctionErrors(step.corrections);
    if (corrections.length > 0) throw ApprovalErrors.invalid(corrections);
    return this.apply(principal, 'APPLICANT', step);
  }

  private apply(principal: Principal, actor: ActorKind, step: Step): Promise<ApplicationTransitionResultV1> {
    return this.dataSource.transaction(async (m) => {
      const app = await this.repository.application(m, step.applicationId, true);
      if (!app) throw ApprovalErrors.applicationNotFound(step.applicationId);
      assertRegionAllowed(principal, app.region_code, { what: `施工许可申请 ${step.applicationId}` });
      const position = { stage: app.stage, state: app.state };
      const rule = findTransition(position, step.action);
      if (!rule || rule.actor !== actor)
        throw ApprovalErrors.invalidTransition(
          app.stage,
          app.state,
          step.action,
          allowedActions(position).filter((a) => findTransition(position, a)?.actor === actor),
        );
      const stage = app.stage as ReviewStage;
      if (actor === 'STAFF') {
        const allowedRoles = this.config.stageRoles[stage];
        if (!principal.role || !allowedRoles.includes(principal.role))
          throw ApprovalErrors.stageRoleForbidden(stage, principal.role, allowedRoles);
        const history = (await this.repository.history(m, [app.application_id])).get(app.application_id) ?? [];
        this.checkSeparation(principal, stage, history);
        if (step.action === 'PASS') {
          confirmProjectType(app, stage, step.confirmedProjectType);
          this.strictReview(app, stage);
        }
      }
      const at = this.clock.now();
      // 补正: corrected fields and / or a new 承诺函, checked on the form they make (amount or letter after the correction)
      const resubmitted =
        step.action === 'RESUBMIT' ? await resubmission(app, step.corrections, step.commitmentLetter) : undefined;
      // the new letter is the application's next version, kept in this transaction; earlier ones stay
      const letter =
        step.action === 'RESUBMIT' && step.commitmentLetter
          ? await this.letters.keep(
              m,
              app.application_id,
              step.commitmentLetter,
              RESUBMIT_LETTER_FIELD,
              principal.id,
              at,
            )
          : undefined;
      // 暂停计时: leaving PAUSED / RETURNED ends the running pause; 补正 and PAUSE start one with its notice
      if (app.state === 'PAUSED' || app.state === 'RETURNED')
        await this.clockRepository.endPause(m, app.application_id, at, principal.id);
      if (rule.pauses) await this.startPause(m, app, step, at, principal.id);
      if (rule.to.stage !== app.stage) await this.overdue.stageLeft(m, app, rule.action, at);
      const permitNumber = rule.issuesPermit ? await this.issuance.issue(m, app) : undefined;
      await this.repository.recordTransition(m, {
        id: app.application_id,
        from: app.stage,
        to: rule.to.stage,
        action: rule.action,
        state: rule.to.state,
        actor: principal.id,
        actorRole: principal.role ?? null,
        opinion: step.opinion,
        items: step.items ?? [],
        reasonCode: step.reasonCode ?? null,
        fieldsSeen: {
          projectType: app.project_type,
          capitalGuarantee: capitalGuaranteeOf(app),
          fundSupervision: app.form.fundSupervision ?? null,
          ...(step.confirmedProjectType ? { confirmedProjectType: step.confirmedProjectType } : {}),
          ...(rule.pauses ? { notice: step.notice ?? null } : {}),
          ...(letter ? { commitmentLetter: letter } : {}),
        },
        permitNumber,
        at,
        ...(resubmitted
          ? { changes: resubmitted.changes, ...(resubmitted.form ? { form: resubmitted.form } : {}) }
          : {}),
      });
      return {
        applicationId: app.application_id,
        stage: rule.to.stage,
        state: rule.to.state,
        permitNumber: permitNumber ?? app.permit_number ?? null,
      };
    });
  }

  /** The pause's written notice: 补正 gets a number of its own when none is given; the date is not after today. */
  private async startPause(
    m: Parameters<ApprovalClockRepository['startPause']>[0],
    app: ApplicationRow,
    step: Step,
    at: Date,
    actor: string,
  ): Promise<void> {
    const today = chinaDateOf(at);
    const date = step.notice?.date ?? today;
    if (date > today) throw ApprovalErrors.noticeInFuture(date, today);
    const correction = step.action === 'RETURN_FOR_CORRECTION';
    await this.clockRepository.startPause(m, {
      id: app.application_id,
      stage: app.stage,
      kind: correction ? 'CORRECTION' : step.notice!.kind!,
      noticeNumber:
        step.notice?.noticeNumber ??
        `补正告知-${today.replace(/-/g, '')}-${app.application_id.slice(0, 8).toUpperCase()}`,
      reason: step.notice?.reason ?? [step.opinion, ...(step.items ?? [])].join('；').slice(0, 500),
      noticeDate: date,
      at,
      actor,
    });
  }

  /** 初审, 复审 and 决定: whoever acted at an earlier one of them may not act at a later one. */
  private checkSeparation(principal: Principal, stage: ReviewStage, history: TransitionRow[]): void {
    if (!SEPARATED_STAGES.includes(stage)) return;
    const here = REVIEW_STAGES.indexOf(stage);
    for (const earlier of SEPARATED_STAGES) {
      if (REVIEW_STAGES.indexOf(earlier) >= here) continue;
      if (history.some((t) => t.from_stage === earlier && t.action === 'PASS' && t.actor === principal.id))
        throw ApprovalErrors.separationOfDuties(stage, earlier);
    }
  }

  /** A PRESALE case passes 开工条件审查 and 决定 only with the guarantee amount or an uploaded commitment letter and, when planned, the escrow bank and account. */
  private strictReview(app: ApplicationRow, stage: ReviewStage): void {
    if (app.project_type !== 'PRESALE' || !STRICT_REVIEW_STAGES.includes(stage)) return;
    const guarantee = app.form.capitalGuarantee;
    const amount = guarantee?.amountFen !== null && guarantee?.amountFen !== undefined;
    const letter = guarantee?.applies === true && Boolean(app.letter_sha256);
    if (!guarantee || (!amount && !letter)) throw ApprovalErrors.guaranteeMissing(stage);
    const fund = app.form.fundSupervision;
    if (fund?.planned) {
      const errors: FieldError[] = [];
      if (!fund.bank) errors.push({ field: 'fundSupervision.bank', reason: '计划实行资金监管时必填 (required)' });
      if (!fund.account) errors.push({ field: 'fundSupervision.account', reason: '计划实行资金监管时必填 (required)' });
      if (errors.length > 0) throw ApprovalErrors.escrowMissing(stage, errors);
    }
  }
}
