import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff } from '@hn/auth';
import { ScanStaging } from '@hn/documents';
import { enqueueEvent, InjectNats } from '@hn/eventing';
import {
  ACCEPTANCE_BACKFILL_SORT,
  AcceptanceBackfillApprovedV1,
  AcceptanceBackfillDecisionRequest,
  AcceptanceBackfillListRequestV1,
  AcceptanceBackfillPageV1,
  AcceptanceBackfillSubmitRequest,
  AcceptanceBackfillV1,
  AlertsEvents,
  Principal,
} from '@hn/messages';
import { sortOrder } from '@hn/errors';
import { regionPatterns } from '../alerts/staff-levels';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { ALERT_EVENTS_SOURCE } from '../alerts/alert-events-source';
import { AlertFactsRepository } from '../alerts/alert-facts.repository';
import { AlertErrors } from '../alerts/alerts.exception';
import { ALERTS_CLOCK, Clock } from '../clock/clock';
import { AlertScanRepository } from '../scans/alert-scan.repository';
import { AcceptanceBackfillRepository } from './acceptance-backfill.repository';

/**
 * 验收日期数据治理补录 (task 4(2)): county or city staff submit the acceptance kind, date and document
 * scan for a project that skipped online acceptance; province staff approve or return it. An approval
 * publishes hn.alerts.acceptance-backfill.approved.v1; the permits service records the date (source
 * GOVERNANCE) and its hn.permits.acceptance.recorded.v1 clears the alert. The bodies were validated
 * with their Rpc entries' classes by @RpcHandler (the submission, backfillId, decision and note).
 */
@Injectable()
export class AcceptanceBackfillService {
  private readonly staging: ScanStaging;

  constructor(
    private readonly dataSource: DataSource,
    private readonly backfills: AcceptanceBackfillRepository,
    private readonly facts: AlertFactsRepository,
    private readonly scans: AlertScanRepository,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
    @InjectNats() nats: NatsConnection,
  ) {
    this.staging = new ScanStaging(nats);
  }

  async submit(principal: Principal, req: AcceptanceBackfillSubmitRequest): Promise<AcceptanceBackfillV1> {
    // 省厅管理员 ADMIN may enter one on a county's behalf; the province decides, never the submitter
    assertStaff(principal, { roles: ['COUNTY', 'CITY', 'ADMIN'], scope: 'supervision:write' });
    const s = req.submission;
    const bytes = await this.staging.take(req.scan);
    const id = randomUUID();
    await this.dataSource.transaction(async (m) => {
      const permit = await this.facts.permit(m, s.permitNumber);
      if (!permit) throw AlertErrors.permitNotFound(s.permitNumber);
      assertRegionAllowed(principal, permit.regionCode, {
        what: `施工许可证 ${s.permitNumber}`,
        field: 'permitNumber',
      });
      if (permit.fivePartyAcceptanceDate || permit.completionFilingDate)
        throw AlertErrors.acceptanceRecorded(s.permitNumber);
      if (await this.backfills.hasPending(m, s.permitNumber)) throw AlertErrors.backfillPending(s.permitNumber);
      const scanId = await this.scans.insert(m, 'ACCEPTANCE_DOCUMENT', req.scan, bytes, principal.id);
      await this.backfills.insert(m, {
        id,
        permitNumber: s.permitNumber,
        projectCode: permit.projectCode,
        projectName: permit.projectName,
        regionCode: permit.regionCode,
        kind: s.kind,
        date: s.date,
        note: s.note ?? null,
        scanId,
        by: principal.id,
        at: this.clock.now(),
      });
    });
    return (await this.backfills.find(this.dataSource.manager, id))!;
  }

  async list(principal: Principal, req: AcceptanceBackfillListRequestV1): Promise<AcceptanceBackfillPageV1> {
    assertStaff(principal);
    // validated with AcceptanceBackfillListQuery by @RpcHandler(Rpc.acceptanceBackfillList); sortOrder reads its sort
    const q = req;
    const sort = await sortOrder(ACCEPTANCE_BACKFILL_SORT, q.sort);
    if (q.regionCode) assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    const { items, total } = await this.backfills.list(
      this.dataSource.manager,
      {
        ...regionPatterns(principal, q.regionCode),
        state: q.state ?? null,
        sort,
      },
      { offset: (q.page - 1) * q.pageSize, limit: q.pageSize },
    );
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async decide(principal: Principal, req: AcceptanceBackfillDecisionRequest): Promise<AcceptanceBackfillV1> {
    assertStaff(principal, { roles: ['PROVINCE', 'ADMIN'], scope: 'supervision:write' });
    const approve = req.decision === 'APPROVE';
    if (!approve && !req.note) throw AlertErrors.noteRequired();
    const id = req.backfillId;
    await this.dataSource.transaction(async (m) => {
      const backfill = await this.backfills.find(m, id, true);
      if (!backfill) throw AlertErrors.backfillNotFound(id);
      assertRegionAllowed(principal, backfill.regionCode, { what: `验收日期补录 ${id}` });
      if (backfill.state !== 'PENDING') throw AlertErrors.backfillDecided(id);
      if (backfill.submittedBy === principal.id) throw AlertErrors.selfApproval();
      const now = this.clock.now();
      await this.backfills.decide(m, id, approve ? 'APPROVED' : 'RETURNED', principal.id, req.note ?? null, now);
      if (!approve) return;
      const approved = (await this.backfills.find(m, id))!;
      await enqueueEvent<AcceptanceBackfillApprovedV1>(m, {
        source: ALERT_EVENTS_SOURCE,
        type: AlertsEvents.acceptanceBackfillApproved,
        subject: approved.permitNumber,
        data: { backfill: approved },
      });
    });
    return (await this.backfills.find(this.dataSource.manager, id))!;
  }
}
