import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff, Scopes } from '@hn/auth';
import { ScanStaging } from '@hn/documents';
import { InjectNats } from '@hn/eventing';
import {
  AssessmentAppealDecisionRequest,
  AssessmentAppealScanRequest,
  AssessmentAppealSubmission,
  AssessmentAppealListQuery,
  AssessmentAppealPageV1,
  AssessmentAppealV1,
  ErrorCode,
  Principal,
  ScanRefV1,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { activeRegionLevel, regionCodesCountedUnder } from '@hn/numbering';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { AlertErrors } from '../../alerts/alerts.exception';
import { ALERTS_CLOCK, Clock } from '../../clock/clock';
import { AlertScanRepository } from '../../scans/alert-scan.repository';
import { statisticsQueryAllowed } from '../statistics-access';
import { AssessmentAppealRepository } from './assessment-appeal.repository';
import { AssessmentService } from './assessment.service';

const scanNotFound = (id: string, position: number): DomainException =>
  new DomainException(
    404,
    ErrorCode.APPEAL_NOT_FOUND,
    `考核申诉 ${id.slice(0, 40)} 没有第 ${position} 份证明材料扫描件 (no evidence scan at that position)`,
    [{ field: 'position', reason: String(position) }],
  );

const appealNotFound = (id: string): DomainException =>
  new DomainException(404, ErrorCode.APPEAL_NOT_FOUND, `未找到考核申诉 ${id.slice(0, 40)} (appeal not found)`, [
    { field: 'appealId', reason: id.slice(0, 40) },
  ]);

/**
 * 考核申诉: county or city staff appeal one item deducted from a region in their area (it must be a
 * deduction of that region under that rule today); province staff uphold or reject it with an opinion.
 * An upheld appeal removes the item's deduction from every assessment as of the decision's instant or
 * later. Evidence scans (证明材料扫描件) staged by the gateway are taken from the staging store, checked
 * again and kept in alert_scan in the appeal's transaction; the province (or the region) downloads them,
 * each staged again for the gateway (scans may exceed a NATS message). The gateway audits each submission
 * and decision. The bodies were validated with their Rpc entries' classes by @RpcHandler
 * (AssessmentAppealSubmission; AssessmentAppealDecisionRequest and AssessmentAppealScanRequest, appealId a UUID).
 */
@Injectable()
export class AssessmentAppealService {
  private readonly staging: ScanStaging;

  constructor(
    private readonly dataSource: DataSource,
    private readonly appeals: AssessmentAppealRepository,
    private readonly assessment: AssessmentService,
    private readonly scans: AlertScanRepository,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
    @InjectNats() nats: NatsConnection,
  ) {
    this.staging = new ScanStaging(nats);
  }

  async submit(principal: Principal, a: AssessmentAppealSubmission): Promise<AssessmentAppealV1> {
    assertStaff(principal, { roles: ['COUNTY', 'CITY'], scope: 'supervision:write' });
    if (activeRegionLevel(a.regionCode) === 'province')
      throw AlertErrors.invalid([
        { field: 'regionCode', reason: '须为被考核的县市区或市州（市本级）代码 (a county or city code)' },
      ]);
    assertRegionAllowed(principal, a.regionCode, { field: 'regionCode' });
    const rule = this.assessment.rule(a.ruleId);
    if (!rule) throw AlertErrors.invalid([{ field: 'ruleId', reason: `未知的扣分规则 ${a.ruleId} (unknown rule)` }]);
    const today = this.assessment.today();
    const items = (await this.assessment.unitItems(a.regionCode, today)).get(a.regionCode)?.get(rule.id) ?? [];
    if (!items.some((i) => i.id === a.itemId))
      throw new DomainException(
        422,
        ErrorCode.ASSESSMENT_ITEM_NOT_FOUND,
        `${a.itemId} 不是 ${a.regionCode} 截至 ${today} 在规则 ${rule.id}（${rule.description}）下的扣分项 (not a deduction of the region under the rule)`,
        [{ field: 'itemId', reason: a.itemId }],
      );
    const refs = a.scans ?? [];
    const bytes: Buffer[] = [];
    for (const [i, ref] of refs.entries()) bytes.push(await this.staging.take(ref, `scans[${i}]`));
    const id = randomUUID();
    await this.dataSource.transaction(async (m) => {
      if (await this.appeals.hasPending(m, rule.id, a.itemId))
        throw new DomainException(
          409,
          ErrorCode.APPEAL_PENDING,
          `${a.itemId} 已有待省厅审核的申诉 (an appeal of the item is pending)`,
        );
      await this.appeals.insert(m, {
        id,
        regionCode: a.regionCode,
        ruleId: rule.id,
        itemId: a.itemId,
        reason: a.reason,
        evidence: a.evidence ?? null,
        by: principal.id,
        at: this.clock.now(),
      });
      const scanIds: string[] = [];
      for (const [i, ref] of refs.entries())
        scanIds.push(await this.scans.insert(m, 'APPEAL_EVIDENCE', ref, bytes[i]!, principal.id));
      await this.appeals.linkScans(m, id, scanIds);
    });
    return (await this.appeals.find(this.dataSource.manager, id))!;
  }

  /**
   * One evidence scan of an appeal, staged for the gateway to send: statistics:read (as the appeal list)
   * and the appeal's region in the caller's; 404 for an unknown appeal or position.
   */
  async scan(principal: Principal, req: AssessmentAppealScanRequest): Promise<ScanRefV1> {
    if (!principal?.scopes?.includes(Scopes.statisticsRead))
      throw new DomainException(
        403,
        ErrorCode.SCOPE_FORBIDDEN,
        `缺少权限范围 ${Scopes.statisticsRead} (missing scope ${Scopes.statisticsRead})`,
      );
    const m = this.dataSource.manager;
    const appeal = await this.appeals.find(m, req.appealId);
    if (!appeal) throw appealNotFound(req.appealId);
    assertRegionAllowed(principal, appeal.regionCode, { what: `考核申诉 ${req.appealId}` });
    const scan = await this.appeals.scanContent(m, req.appealId, req.position);
    if (!scan) throw scanNotFound(req.appealId, req.position);
    return this.staging.stage(scan.content, scan.contentType, scan.fileName);
  }

  async list(principal: Principal, body: unknown): Promise<AssessmentAppealPageV1> {
    const q = statisticsQueryAllowed<AssessmentAppealListQuery>(principal, body);
    const { items, total } = await this.appeals.list(
      this.dataSource.manager,
      regionCodesCountedUnder(q.regionCode),
      q.state ?? null,
      { offset: (q.page - 1) * q.pageSize, limit: q.pageSize },
    );
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async decide(principal: Principal, body: AssessmentAppealDecisionRequest): Promise<AssessmentAppealV1> {
    assertStaff(principal, { roles: ['PROVINCE'], scope: 'supervision:write' });
    const id = body.appealId;
    await this.dataSource.transaction(async (m) => {
      const appeal = await this.appeals.find(m, id, true);
      if (!appeal) throw appealNotFound(id);
      assertRegionAllowed(principal, appeal.regionCode, { what: `考核申诉 ${id}` });
      if (appeal.state !== 'PENDING')
        throw new DomainException(409, ErrorCode.APPEAL_DECIDED, `考核申诉 ${id} 已审核 (appeal already decided)`);
      await this.appeals.decide(m, id, body.decision, principal.id, body.opinion, this.clock.now());
    });
    return (await this.appeals.find(this.dataSource.manager, id))!;
  }
}
