import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AlertCauseV1, AlertEventV1, AlertsEvents, AlertStateV1, AlertTypeV1 } from '@hn/messages';
import { enqueueEvent } from '@hn/eventing';
import { EntityManager } from 'typeorm';
import { chinaDateOf } from '../clock/china-date';
import { ALERTS_CONFIG, AlertsConfig } from '../config/alerts.config';
import { ALERT_EVENTS_SOURCE } from './alert-events-source';
import { AffectedKeys } from '../read-model/read-model.projector';
import { AlertCandidate } from '../rules/alert-candidate';
import { escrowNotSupervised } from '../rules/escrow-not-supervised.rule';
import { overdueAcceptance } from '../rules/overdue-acceptance.rule';
import { presaleWithoutPermit } from '../rules/presale-without-permit.rule';
import { reconciliationDifference } from '../rules/reconciliation-difference.rule';
import { AlertFactsRepository } from './alert-facts.repository';
import { ApprovalStageRepository } from '../read-model/approval-stage.repository';
import { approvalOverdue } from '../rules/approval-overdue.rule';
import { toAlertV1 } from './alert-view';
import { AlertRow, AlertsRepository } from './alerts.repository';

/** Why an evaluation runs: the event that brought a fact (its time clears), or the daily date check. */
export interface EvaluationCause {
  cause: AlertCauseV1;
  /** when the triggering fact took effect (the event's time; now for the daily run) */
  at: Date;
  /** now: the date the rules compare with and the time the change is recorded */
  now: Date;
  correlationId?: string;
}

export interface EvaluationOutcome {
  raised: number;
  cleared: number;
}

/**
 * Runs the rules for the subjects an event touched (or for every date-dependent subject once a day)
 * and brings the alerts in line, inside the caller's transaction: raise when a rule holds and nothing
 * is open, clear when it no longer holds, each change with its history row and its event. A rule
 * never clears by itself with time: only a fact (or an approved dismissal) does.
 */
@Injectable()
export class AlertEvaluator {
  constructor(
    private readonly facts: AlertFactsRepository,
    private readonly alerts: AlertsRepository,
    private readonly approvals: ApprovalStageRepository,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
  ) {}

  async evaluate(m: EntityManager, keys: AffectedKeys, why: EvaluationCause): Promise<EvaluationOutcome> {
    const outcome: EvaluationOutcome = { raised: 0, cleared: 0 };
    const today = chinaDateOf(why.now);
    const sorted = (s: Set<string>): string[] => [...s].sort();
    // Lock every subject first, then read the facts: two events about one subject arriving on two
    // streams at once (a backfill and its escrow record) are then evaluated one after the other, the
    // second seeing the first's committed facts. One global order (type, then key) avoids deadlocks.
    for (const [type, set] of [
      ['OVERDUE_ACCEPTANCE', keys.permits],
      ['ESCROW_NOT_SUPERVISED', keys.presales],
      ['RECONCILIATION_DIFFERENCE', keys.differences],
      ['PRESALE_WITHOUT_PERMIT', keys.unpermitted],
      ['APPROVAL_OVERDUE', keys.approvals],
    ] as const)
      for (const key of sorted(set)) await this.alerts.lockSubject(m, type, key);

    const permits = await this.facts.permitFacts(m, sorted(keys.permits));
    for (const n of sorted(keys.permits)) {
      const f = permits.get(n);
      await this.reconcile(m, 'OVERDUE_ACCEPTANCE', n, f ? overdueAcceptance(f, today) : null, why, outcome);
    }
    const presales = await this.facts.escrowFacts(m, sorted(keys.presales));
    for (const n of sorted(keys.presales)) {
      const f = presales.get(n);
      const candidate = f ? escrowNotSupervised(f, why.now, this.config.escrowGraceDays) : null;
      await this.reconcile(m, 'ESCROW_NOT_SUPERVISED', n, candidate, why, outcome);
    }
    const differences = await this.facts.differenceFacts(m, sorted(keys.differences));
    for (const id of sorted(keys.differences)) {
      const f = differences.get(id);
      await this.reconcile(m, 'RECONCILIATION_DIFFERENCE', id, f ? reconciliationDifference(f) : null, why, outcome);
    }
    const unpermitted = await this.facts.unpermittedFacts(m, sorted(keys.unpermitted));
    for (const id of sorted(keys.unpermitted)) {
      const f = unpermitted.get(id);
      await this.reconcile(m, 'PRESALE_WITHOUT_PERMIT', id, f ? presaleWithoutPermit(f) : null, why, outcome);
    }
    const approvals = await this.approvals.facts(m, sorted(keys.approvals));
    for (const key of sorted(keys.approvals)) {
      const f = approvals.get(key);
      await this.reconcile(m, 'APPROVAL_OVERDUE', key, f ? approvalOverdue(f) : null, why, outcome);
    }
    return outcome;
  }

  private async reconcile(
    m: EntityManager,
    type: AlertTypeV1,
    subjectKey: string,
    candidate: AlertCandidate | null,
    why: EvaluationCause,
    outcome: EvaluationOutcome,
  ): Promise<void> {
    const open = await this.alerts.findOpen(m, type, subjectKey);
    if (candidate && !open) {
      if (await this.alerts.isDismissed(m, type, subjectKey)) return;
      const id = randomUUID();
      await this.alerts.insert(m, id, candidate);
      await this.alerts.addHistory(m, {
        alertId: id,
        at: candidate.raisedAt,
        recordedAt: why.now,
        from: null,
        to: 'OPEN',
        actor: 'system',
        cause: why.cause,
      });
      await this.publish(m, AlertsEvents.alertRaised, id, why);
      outcome.raised++;
    } else if (candidate && open) {
      await this.alerts.refresh(m, open.id, candidate);
    } else if (!candidate && open) {
      const at = new Date(Math.max(why.at.getTime(), open.raised_at.getTime()));
      await this.close(m, open, 'CLEARED', at, why.now, 'system', why.cause);
      await this.publish(m, AlertsEvents.alertCleared, open.id, why);
      outcome.cleared++;
    }
  }

  /** Moves an open alert to CLEARED or DISMISSED with its history row. */
  async close(
    m: EntityManager,
    open: AlertRow,
    state: Extract<AlertStateV1, 'CLEARED' | 'DISMISSED'>,
    at: Date,
    recordedAt: Date,
    actor: string,
    cause: AlertCauseV1,
  ): Promise<void> {
    await this.alerts.setState(m, open.id, state, at);
    await this.alerts.addHistory(m, { alertId: open.id, at, recordedAt, from: open.state, to: state, actor, cause });
  }

  /** hn.alerts.alert.*.v1 with the alert as it now stands, into the outbox of the same transaction. */
  async publish(
    m: EntityManager,
    type: string,
    alertId: string,
    why: Pick<EvaluationCause, 'cause' | 'now' | 'correlationId'>,
  ): Promise<void> {
    const row = await this.alerts.findById(m, alertId);
    if (!row) return;
    const followUps = (await this.alerts.followUps(m, [alertId])).get(alertId) ?? [];
    const dismissal = (await this.alerts.dismissals(m, [alertId])).get(alertId) ?? null;
    await enqueueEvent<AlertEventV1>(m, {
      source: ALERT_EVENTS_SOURCE,
      type,
      subject: alertId,
      data: { alert: toAlertV1(row, chinaDateOf(why.now), followUps, dismissal), cause: why.cause },
      ...(why.correlationId ? { correlationId: why.correlationId } : {}),
    });
  }
}
