import { Injectable } from '@nestjs/common';
import { assertRegionAllowed } from '@hn/auth';
import {
  AcceptanceBackfillInput,
  AcceptanceBackfillListRequestV1,
  AcceptanceBackfillPageV1,
  AcceptanceBackfillV1,
  AlertDetailV1,
  AlertFollowUpInputV1,
  AlertListRequestV1,
  AlertPageV1,
  Principal,
  Rpc,
  ScanRefV1,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { Audited } from '../supervision/supervision-gateway.service';
import { alertCsvHeader, alertCsvRow } from './alert-csv';

/** Pages fetched per RPC while exporting (the service's largest page). */
const EXPORT_PAGE = 100;

/**
 * Gateway side of 预警: a first region check on what the request names, then the alerts service,
 * which validates the same message classes again and checks each alert's region.
 */
@Injectable()
export class AlertsGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  list(principal: Principal, query: AlertListRequestV1, cid: string): Promise<AlertPageV1> {
    if (query.regionCode) assertRegionAllowed(principal, query.regionCode, { field: 'regionCode' });
    return this.rpc.call(Rpc.alertList, principal, toRequest(query), cid);
  }

  /** The whole result (every page, not only one) as CSV lines, UTF-8 with BOM so Excel opens it. */
  async *exportCsv(principal: Principal, query: AlertListRequestV1, cid: string): AsyncGenerator<string> {
    if (query.regionCode) assertRegionAllowed(principal, query.regionCode, { field: 'regionCode' });
    // the first page is fetched before anything is sent, so a refused request is a problem, not a broken file
    let page = await this.rpc.call(
      Rpc.alertList,
      principal,
      { ...toRequest(query), page: 1, pageSize: EXPORT_PAGE },
      cid,
    );
    yield `\uFEFF${alertCsvHeader()}\r\n`;
    for (let n = 1; ; n++) {
      if (page.items.length > 0) yield page.items.map((a) => `${alertCsvRow(a)}\r\n`).join('');
      if (n * EXPORT_PAGE >= page.total || page.items.length === 0) return;
      page = await this.rpc.call(
        Rpc.alertList,
        principal,
        { ...toRequest(query), page: n + 1, pageSize: EXPORT_PAGE },
        cid,
      );
    }
  }

  get(principal: Principal, alertId: string, cid: string): Promise<AlertDetailV1> {
    return this.rpc.call(Rpc.alertGet, principal, { alertId }, cid);
  }

  async followUp(
    principal: Principal,
    alertId: string,
    followUp: AlertFollowUpInputV1,
    cid: string,
  ): Promise<Audited<AlertDetailV1>> {
    const before = await this.get(principal, alertId, cid);
    const after = await this.rpc.call(Rpc.alertFollowUp, principal, { alertId, followUp: { ...followUp } }, cid);
    return { ...after, audit: { before: summary(before), after: { state: after.state, followUp }, target: alertId } };
  }

  async requestDismissal(
    principal: Principal,
    alertId: string,
    reason: string,
    scan: ScanRefV1,
    cid: string,
  ): Promise<Audited<AlertDetailV1>> {
    const after = await this.rpc.call(Rpc.alertRequestDismissal, principal, { alertId, reason, scan }, cid);
    return { ...after, audit: { before: null, after: { dismissal: after.dismissal }, target: alertId } };
  }

  async decideDismissal(
    principal: Principal,
    alertId: string,
    decision: 'APPROVE' | 'REJECT',
    note: string | undefined,
    cid: string,
  ): Promise<Audited<AlertDetailV1>> {
    const after = await this.rpc.call(
      Rpc.alertDecideDismissal,
      principal,
      { alertId, decision, ...(note ? { note } : {}) },
      cid,
    );
    return {
      ...after,
      audit: { before: null, after: { state: after.state, dismissal: after.dismissal }, target: alertId },
    };
  }

  async linkPermit(
    principal: Principal,
    alertId: string,
    permitNumber: string,
    cid: string,
  ): Promise<Audited<AlertDetailV1>> {
    const after = await this.rpc.call(Rpc.alertLinkPermit, principal, { alertId, permitNumber }, cid);
    return { ...after, audit: { before: null, after: { state: after.state, permitNumber }, target: alertId } };
  }

  async submitBackfill(
    principal: Principal,
    submission: AcceptanceBackfillInput,
    scan: ScanRefV1,
    cid: string,
  ): Promise<Audited<AcceptanceBackfillV1>> {
    const created = await this.rpc.call(
      Rpc.acceptanceBackfillSubmit,
      principal,
      { submission: { ...submission }, scan },
      cid,
    );
    return { ...created, audit: { before: null, after: created, target: created.id } };
  }

  listBackfills(
    principal: Principal,
    q: AcceptanceBackfillListRequestV1,
    cid: string,
  ): Promise<AcceptanceBackfillPageV1> {
    if (q.regionCode) assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    return this.rpc.call(
      Rpc.acceptanceBackfillList,
      principal,
      {
        page: q.page,
        pageSize: q.pageSize,
        ...(q.state ? { state: q.state } : {}),
        ...(q.regionCode ? { regionCode: q.regionCode } : {}),
        ...(q.sort ? { sort: q.sort } : {}),
      },
      cid,
    );
  }

  async decideBackfill(
    principal: Principal,
    backfillId: string,
    decision: 'APPROVE' | 'RETURN',
    note: string | undefined,
    cid: string,
  ): Promise<Audited<AcceptanceBackfillV1>> {
    const after = await this.rpc.call(
      Rpc.acceptanceBackfillDecide,
      principal,
      { backfillId, decision, ...(note ? { note } : {}) },
      cid,
    );
    return { ...after, audit: { before: { state: 'PENDING' }, after: { state: after.state }, target: backfillId } };
  }
}

function toRequest(q: AlertListRequestV1): AlertListRequestV1 {
  return {
    page: q.page,
    pageSize: q.pageSize,
    ...(q.type ? { type: q.type } : {}),
    ...(q.state ? { state: q.state } : {}),
    ...(q.scope ? { scope: q.scope } : {}),
    ...(q.regionCode ? { regionCode: q.regionCode } : {}),
    ...(q.asOf ? { asOf: q.asOf } : {}),
    ...(q.keyword ? { keyword: q.keyword } : {}),
    ...(q.sort ? { sort: q.sort } : {}),
  };
}

const summary = (a: AlertDetailV1): unknown => ({ state: a.state, followUps: a.followUps.length });
