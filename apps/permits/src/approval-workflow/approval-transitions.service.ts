import { Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff, StaffScopes } from '@hn/auth';
import {
  ApplicantActionRequestV1,
  ApplicationTransitionRequestV1,
  ApplicationTransitionResultV1,
  ErrorCode,
  FieldError,
  Principal,
} from '@hn/messages';
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
        const history = (await this.repository.history(m, [app.application_id])).get(app.application_id) ?? [];
        this.checkSeparation(principal, stage, history);
        if (step.action === 'PASS') this.strictReview(app, stage);
      }
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
          capitalGuarantee: app.form.capitalGuarantee ?? null,
          fundSupervision: app.form.fundSupervision ?? null,
        },
        permitNumber,
      });
      return {
        applicationId: app.application_id,
        stage: rule.to.stage,
        state: rule.to.state,
        permitNumber: permitNumber ?? app.permit_number ?? null,
      };
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

  /** A PRESALE case passes 开工条件审查 and 决定 only with the guarantee amount and, when planned, the escrow bank and account. */
  private strictReview(app: ApplicationRow, stage: ReviewStage): void {
    if (app.project_type !== 'PRESALE' || !STRICT_REVIEW_STAGES.includes(stage)) return;
    const guarantee = app.form.capitalGuarantee;
    if (!guarantee || guarantee.amountFen === null || guarantee.amountFen === undefined)
      throw ApprovalErrors.guaranteeMissing(stage);
    const fund = app.form.fundSupervision;
    if (fund?.planned) {
      const errors: FieldError[] = [];
      if (!fund.bank) errors.push({ field: 'fundSupervision.bank', reason: '计划实行资金监管时必填 (required)' });
      if (!fund.account) errors.push({ field: 'fundSupervision.account', reason: '计划实行资金监管时必填 (required)' });
      if (errors.length > 0) throw ApprovalErrors.escrowMissing(stage, errors);
    }
  }
}
