import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff } from '@hn/auth';
import { ScanStaging } from '@hn/documents';
import { InjectNats } from '@hn/eventing';
import {
  AlertDecisionInput,
  AlertDetailV1,
  AlertDismissalDecisionV1,
  AlertDismissalInput,
  AlertDismissalRequestV1,
  AlertFollowUpInput,
  AlertFollowUpRequestV1,
  AlertPermitLinkInput,
  AlertPermitLinkRequestV1,
  AlertsEvents,
  Principal,
  validateMessage,
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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What staff do with an alert (task 4(3)): follow-ups, dismissal requests and decisions one level up,
 * and linking a presale-without-permit project to the permit it obtained. Each in one transaction
 * with the alert row locked; every state change gets its history row.
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

  async followUp(principal: Principal, req: AlertFollowUpRequestV1): Promise<AlertDetailV1> {
    assertStaff(principal, WRITE);
    const checked = await validateMessage(AlertFollowUpInput, req?.followUp);
    if (!checked.ok) throw AlertErrors.invalid(checked.errors);
    await this.onOpenAlert(principal, req?.alertId, async (m, alert, now) => {
      const id = randomUUID();
      await this.alerts.insertFollowUp(m, id, alert.id, checked.value, principal.id, now);
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

  async requestDismissal(principal: Principal, req: AlertDismissalRequestV1): Promise<AlertDetailV1> {
    assertStaff(principal, WRITE);
    const checked = await validateMessage(AlertDismissalInput, { reason: req?.reason });
    if (!checked.ok) throw AlertErrors.invalid(checked.errors);
    const bytes = await this.staging.take(req.scan);
    await this.onOpenAlert(principal, req.alertId, async (m, alert, now) => {
      if (await this.alerts.pendingDismissal(m, alert.id)) throw AlertErrors.dismissalPending(alert.id);
      const scanId = await this.scans.insert(m, 'DISMISSAL_EVIDENCE', req.scan, bytes, principal.id);
      await this.alerts.insertDismissal(m, {
        id: randomUUID(),
        alertId: alert.id,
        reason: checked.value.reason,
        scanId,
        by: principal.id,
        region: staffRegion(principal),
        at: now,
      });
    });
    return this.queries.detail(principal, req.alertId);
  }

  async decideDismissal(principal: Principal, req: AlertDismissalDecisionV1): Promise<AlertDetailV1> {
    assertStaff(principal, WRITE);
    const checked = await validateMessage(AlertDecisionInput, req?.note === undefined ? {} : { note: req.note });
    if (!checked.ok) throw AlertErrors.invalid(checked.errors);
    const approve = req.decision === 'APPROVE';
    if (!approve && !checked.value.note) throw AlertErrors.noteRequired();
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
        checked.value.note ?? null,
        now,
      );
      if (!approve) return;
      const cause = { kind: 'DISMISSAL' as const, recordId: pending.id };
      await this.evaluator.close(m, alert, 'DISMISSED', now, now, principal.id, cause);
      await this.evaluator.publish(m, AlertsEvents.alertDismissed, alert.id, { cause, now });
    });
    return this.queries.detail(principal, req.alertId);
  }

  async linkPermit(principal: Principal, req: AlertPermitLinkRequestV1): Promise<AlertDetailV1> {
    assertStaff(principal, WRITE);
    const checked = await validateMessage(AlertPermitLinkInput, { permitNumber: req?.permitNumber });
    if (!checked.ok) throw AlertErrors.invalid(checked.errors);
    const permitNumber = checked.value.permitNumber;
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
    alertId: unknown,
    work: (m: EntityManager, alert: AlertRow, now: Date) => Promise<void>,
  ): Promise<void> {
    const id = typeof alertId === 'string' ? alertId : '';
    if (!UUID.test(id)) throw AlertErrors.notFound(id);
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
