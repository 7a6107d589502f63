import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff } from '@hn/auth';
import { ScanStaging } from '@hn/documents';
import { InjectNats } from '@hn/eventing';
import {
  AlertDetailV1,
  AlertDismissalDecisionRequest,
  AlertDismissalRequest,
  AlertFollowUpRequest,
  AlertPermitLinkRequest,
  AlertsEvents,
  Principal,
} from '@hn/messages';
import { NatsConnection } from 'nats';
import { DataSource, EntityManager } from 'typeorm';
import { ALERTS_CLOCK, Clock } from '../clock/clock';
import { noKeys } from '../read-model/read-model.projector';
import { AlertScanRepository } from '../scans/alert-scan.repository';
import { AlertEvaluator } from './alert-evaluator.service';
import { AlertFactsRepository } from './alert-facts.repository';
import { AlertQueryService } from './alert-query.service';
import { AlertErrors } from './alerts.exception';
import { AlertRow, AlertsRepository } from './alerts.repository';
import { isLevelAbove, staffRegion } from './staff-levels';

const WRITE = { scope: 'supervision:write' } as const;

/**
 * What staff do with an alert (task 4(3)): follow-ups, dismissal requests and decisions one level up,
 * and linking a presale-without-permit project to the permit it obtained. Each in one transaction
 * with the alert row locked; every state change gets its history row. Each body was validated with its
 * Rpc entry's class by @RpcHandler (alertId a UUID, the follow-up, reason, note and permit number).
 */
@Injectable()
export class AlertActionsService {
  private readonly staging: ScanStaging;

  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsRepository,
    private readonly facts: AlertFactsRepository,
    private readonly scans: AlertScanRepository,
    private readonly evaluator: AlertEvaluator,
    private readonly queries: AlertQueryService,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
    @InjectNats() nats: NatsConnection,
  ) {
    this.staging = new ScanStaging(nats);
  }

  async followUp(principal: Principal, req: AlertFollowUpRequest): Promise<AlertDetailV1> {
    assertStaff(principal, WRITE);
    await this.onOpenAlert(principal, req.alertId, async (m, alert, now) => {
      const id = randomUUID();
      await this.alerts.insertFollowUp(m, id, alert.id, req.followUp, principal.id, now);
      if (alert.state === 'OPEN') {
        await this.alerts.setState(m, alert.id, 'FOLLOWING', null);
        await this.alerts.addHistory(m, {
          alertId: alert.id,
          at: now,
          recordedAt: now,
          from: 'OPEN',
          to: 'FOLLOWING',
          actor: principal.id,
          cause: { kind: 'FOLLOW_UP', recordId: id },
        });
      }
    });
    return this.queries.detail(principal, req.alertId);
  }

  async requestDismissal(principal: Principal, req: AlertDismissalRequest): Promise<AlertDetailV1> {
    assertStaff(principal, WRITE);
    const bytes = await this.staging.take(req.scan);
    await this.onOpenAlert(principal, req.alertId, async (m, alert, now) => {
      if (await this.alerts.pendingDismissal(m, alert.id)) throw AlertErrors.dismissalPending(alert.id);
      const scanId = await this.scans.insert(m, 'DISMISSAL_EVIDENCE', req.scan, bytes, principal.id);
      await this.alerts.insertDismissal(m, {
        id: randomUUID(),
        alertId: alert.id,
        reason: req.reason,
        scanId,
        by: principal.id,
        region: staffRegion(principal),
        at: now,
      });
    });
    return this.queries.detail(principal, req.alertId);
  }

  async decideDismissal(principal: Principal, req: AlertDismissalDecisionRequest): Promise<AlertDetailV1> {
    assertStaff(principal, WRITE);
    const approve = req.decision === 'APPROVE';
    if (!approve && !req.note) throw AlertErrors.noteRequired();
    await this.onOpenAlert(principal, req.alertId, async (m, alert, now) => {
      const pending = await this.alerts.pendingDismissal(m, alert.id);
      if (!pending) throw AlertErrors.noPendingDismissal(alert.id);
      if (pending.requested_by === principal.id) throw AlertErrors.selfApproval();
      if (!isLevelAbove(principal, pending.requested_region, alert.region_code))
        throw AlertErrors.notLevelAbove(pending.requested_region);
      await this.alerts.decideDismissal(
        m,
        pending.id,
        approve ? 'APPROVED' : 'REJECTED',
        principal.id,
        req.note ?? null,
        now,
      );
      if (!approve) return;
      const cause = { kind: 'DISMISSAL' as const, recordId: pending.id };
      await this.evaluator.close(m, alert, 'DISMISSED', now, now, principal.id, cause);
      await this.evaluator.publish(m, AlertsEvents.alertDismissed, alert.id, { cause, now });
    });
    return this.queries.detail(principal, req.alertId);
  }

  async linkPermit(principal: Principal, req: AlertPermitLinkRequest): Promise<AlertDetailV1> {
    assertStaff(principal, WRITE);
    const permitNumber = req.permitNumber;
    await this.onOpenAlert(principal, req.alertId, async (m, alert, now) => {
      if (alert.type !== 'PRESALE_WITHOUT_PERMIT') throw AlertErrors.wrongType(alert.id, 'PRESALE_WITHOUT_PERMIT');
      const permit = await this.facts.permit(m, permitNumber);
      if (!permit) throw AlertErrors.permitNotFound(permitNumber);
      assertRegionAllowed(principal, permit.regionCode, { what: `施工许可证 ${permitNumber}`, field: 'permitNumber' });
      await this.facts.linkUnpermitted(m, alert.subject_key, permitNumber, principal.id);
      const keys = noKeys();
      keys.unpermitted.add(alert.subject_key);
      await this.evaluator.evaluate(m, keys, {
        cause: { kind: 'PERMIT_LINK', recordId: permitNumber, note: `linked by ${principal.id}` },
        at: now,
        now,
      });
    });
    return this.queries.detail(principal, req.alertId);
  }

  /** Locks the alert, checks region and that it is still open, then runs `work` in the same transaction. */
  private async onOpenAlert(
    principal: Principal,
    id: string,
    work: (m: EntityManager, alert: AlertRow, now: Date) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      // the subject's evaluation lock before the row lock, in the order the consumers take them
      const seen = await this.alerts.findById(m, id);
      if (seen) await this.alerts.lockSubject(m, seen.type, seen.subject_key);
      const alert = await this.alerts.findById(m, id, true);
      if (!alert) throw AlertErrors.notFound(id);
      assertRegionAllowed(principal, alert.region_code, { what: `预警 ${id}` });
      if (alert.state === 'CLEARED' || alert.state === 'DISMISSED') throw AlertErrors.closed(id, alert.state);
      await work(m, alert, this.clock.now());
    });
  }
}
