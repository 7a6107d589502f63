import { Inject, Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff } from '@hn/auth';
import {
  ALERT_SORT,
  AlertDetailV1,
  AlertIdBody,
  AlertListRequestV1,
  AlertPageV1,
  AlertStateV1,
  Principal,
} from '@hn/messages';
import { sortOrder } from '@hn/errors';
import { regionPatterns } from './staff-levels';
import { DataSource } from 'typeorm';
import { chinaDateOf, endOfChinaDay } from '../clock/china-date';
import { ALERTS_CLOCK, Clock } from '../clock/clock';
import { toAlertV1 } from './alert-view';
import { AlertErrors } from './alerts.exception';
import { AlertsRepository } from './alerts.repository';

const OPEN_STATES: AlertStateV1[] = ['OPEN', 'FOLLOWING'];

/** Lists and details of alerts, region-scoped (county its own, city its counties, province all). */
@Injectable()
export class AlertQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertsRepository,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
  ) {}

  async list(principal: Principal, body: AlertListRequestV1): Promise<AlertPageV1> {
    assertStaff(principal);
    // the body was validated with AlertListQuery by @RpcHandler (Rpc.alertList); sortOrder reads its sort
    const q = body;
    const sort = await sortOrder(ALERT_SORT, q.sort);
    if (q.regionCode) assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    const today = chinaDateOf(this.clock.now());
    if (q.asOf && q.asOf > today)
      throw AlertErrors.invalidFilter([{ field: 'asOf', reason: `不能晚于今天 ${today} (must not be in the future)` }]);
    const asOf = q.asOf ? endOfChinaDay(q.asOf) : null;
    const m = this.dataSource.manager;
    const { rows, total } = await this.alerts.list(
      m,
      {
        ...regionPatterns(principal, q.regionCode),
        type: q.type ?? null,
        states: q.state ? [q.state] : OPEN_STATES,
        scope: q.scope ?? null,
        keyword: q.keyword ?? null,
        asOf,
        sort,
      },
      { offset: (q.page - 1) * q.pageSize, limit: q.pageSize },
    );
    const ids = rows.map((r) => r.id);
    const [followUps, dismissals] = await Promise.all([
      this.alerts.followUps(m, ids, asOf),
      this.alerts.dismissals(m, ids, asOf),
    ]);
    const onDate = q.asOf ?? today;
    return {
      items: rows.map((r) => toAlertV1(r, onDate, followUps.get(r.id) ?? [], dismissals.get(r.id) ?? null)),
      page: q.page,
      pageSize: q.pageSize,
      total,
    };
  }

  async get(principal: Principal, body: AlertIdBody): Promise<AlertDetailV1> {
    assertStaff(principal);
    // alertId validated (a UUID) with AlertIdRequest by @RpcHandler(Rpc.alertGet)
    return this.detail(principal, body.alertId);
  }

  /** The alert with its follow-ups, latest dismissal and full history, after the caller's region check. */
  async detail(principal: Principal, id: string): Promise<AlertDetailV1> {
    const m = this.dataSource.manager;
    const row = await this.alerts.findById(m, id);
    if (!row) throw AlertErrors.notFound(id);
    assertRegionAllowed(principal, row.region_code, { what: `预警 ${id}` });
    const followUps = (await this.alerts.followUps(m, [id])).get(id) ?? [];
    const dismissal = (await this.alerts.dismissals(m, [id])).get(id) ?? null;
    return {
      ...toAlertV1(row, chinaDateOf(this.clock.now()), followUps, dismissal),
      history: await this.alerts.history(m, id),
    };
  }
}
