import { Inject, Injectable } from '@nestjs/common';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import {
  Principal,
  ReconciliationAcknowledgeRequestV1,
  ReconciliationDifferencePageV1,
  ReconciliationDifferenceV1,
  ReconciliationListRequestV1,
  ReconciliationRunResultV1,
  Rpc,
  SigningStatisticListRequestV1,
  SigningStatisticPageV1,
  SigningStatisticPutRequestV1,
  SigningStatisticPutResultV1,
  SigningStatisticSubmitRequestV1,
  SigningStatisticSubmitResultV1,
  SigningStatisticV1,
  SigningStatisticWithdrawRequestV1,
  SigningStatisticWithdrawResultV1,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';

export const SUPERVISION_SETTINGS = Symbol('SUPERVISION_SETTINGS');

export interface SupervisionSettings {
  /** GATEWAY_RECONCILIATION_TIMEOUT_MS: a run pulls the whole market feed; default 120 000 */
  reconciliationTimeoutMs: number;
}

/** Reads GATEWAY_RECONCILIATION_TIMEOUT_MS (1 000..900 000, default 120 000); fails at boot when malformed. */
export function supervisionSettingsFromEnv(env: Record<string, string | undefined>): SupervisionSettings {
  const raw = env['GATEWAY_RECONCILIATION_TIMEOUT_MS']?.trim();
  if (raw === undefined || raw === '') return { reconciliationTimeoutMs: 120_000 };
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1000 || value > 900_000) {
    throw new Error(
      '配置无效 invalid configuration: GATEWAY_RECONCILIATION_TIMEOUT_MS must be an integer in 1000..900000',
    );
  }
  return { reconciliationTimeoutMs: value };
}

/** What a write answers plus the real before / after states for the audit trail (removed before sending). */
export type Audited<T> = T & { audit: { before: unknown; after: unknown; target?: string } };

/**
 * Gateway side of 网签统计补录 and 网签数据比对: a first region check on the presale number (or region)
 * of the request, then the contracts service, which checks again against its replica.
 */
@Injectable()
export class SupervisionGatewayService {
  constructor(
    private readonly rpc: RpcClient,
    @Inject(SUPERVISION_SETTINGS) private readonly settings: SupervisionSettings,
  ) {}

  async putStatistic(
    principal: Principal,
    body: SigningStatisticPutRequestV1,
    cid: string,
  ): Promise<Audited<SigningStatisticPutResultV1>> {
    assertRegionAllowed(principal, regionOf(body.presaleNumber), {
      what: `预售许可证 ${body.presaleNumber}`,
      field: 'presaleNumber',
    });
    const before = await this.current(principal, body.presaleNumber, body.month, cid);
    const result = await this.rpc.call(Rpc.statisticPut, principal, body, cid);
    return { ...result, audit: { before, after: { outcome: result.outcome, statistic: result.statistic } } };
  }

  listStatistics(
    principal: Principal,
    query: SigningStatisticListRequestV1,
    cid: string,
  ): Promise<SigningStatisticPageV1> {
    if (query.presaleNumber)
      assertRegionAllowed(principal, regionOf(query.presaleNumber), {
        what: `预售许可证 ${query.presaleNumber}`,
        field: 'presaleNumber',
      });
    return this.rpc.call(Rpc.statisticList, principal, query, cid);
  }

  async withdrawStatistic(
    principal: Principal,
    body: SigningStatisticWithdrawRequestV1,
    cid: string,
  ): Promise<Audited<SigningStatisticWithdrawResultV1>> {
    assertRegionAllowed(principal, regionOf(body.presaleNumber), {
      what: `预售许可证 ${body.presaleNumber}`,
      field: 'presaleNumber',
    });
    const before = await this.current(principal, body.presaleNumber, body.month, cid);
    const result = await this.rpc.call(Rpc.statisticWithdraw, principal, body, cid);
    return {
      ...result,
      audit: {
        before,
        after: { outcome: result.outcome, withdrawnVersion: result.withdrawnVersion, statistic: result.statistic },
        target: `presaleNumber=${body.presaleNumber}&month=${body.month}`,
      },
    };
  }

  async submitStatistics(
    principal: Principal,
    body: SigningStatisticSubmitRequestV1,
    cid: string,
  ): Promise<Audited<SigningStatisticSubmitResultV1>> {
    assertRegionAllowed(principal, regionOf(body.presaleNumber), {
      what: `预售许可证 ${body.presaleNumber}`,
      field: 'presaleNumber',
    });
    const result = await this.rpc.call(Rpc.statisticSubmit, principal, body, cid);
    return {
      ...result,
      audit: {
        before: { state: 'DRAFT', months: body.months },
        after: result.statistics,
        target: `presaleNumber=${body.presaleNumber}`,
      },
    };
  }

  async runReconciliation(principal: Principal, cid: string): Promise<Audited<ReconciliationRunResultV1>> {
    const result = await this.rpc.call(Rpc.reconciliationRun, principal, {}, cid, {
      timeoutMs: this.settings.reconciliationTimeoutMs,
    });
    const { differences, ...summary } = result;
    return {
      ...result,
      audit: { before: null, after: { ...summary, differences: differences.length }, target: `runId=${result.runId}` },
    };
  }

  listDifferences(
    principal: Principal,
    query: ReconciliationListRequestV1,
    cid: string,
  ): Promise<ReconciliationDifferencePageV1> {
    if (query.regionCode) assertRegionAllowed(principal, query.regionCode, { field: 'regionCode' });
    return this.rpc.call(Rpc.reconciliationList, principal, query, cid);
  }

  async acknowledge(
    principal: Principal,
    body: ReconciliationAcknowledgeRequestV1,
    cid: string,
  ): Promise<Audited<ReconciliationDifferenceV1>> {
    const result = await this.rpc.call(Rpc.reconciliationAcknowledge, principal, body, cid);
    return {
      ...result,
      audit: {
        before: { state: 'OPEN' },
        after: { state: result.state, explanation: result.explanation, acknowledgedBy: result.acknowledgedBy },
      },
    };
  }

  private async current(
    principal: Principal,
    presaleNumber: string,
    month: string,
    cid: string,
  ): Promise<SigningStatisticV1 | null> {
    const query: SigningStatisticListRequestV1 = { presaleNumber, month, page: 1, pageSize: 1 };
    const page = await this.rpc.call(Rpc.statisticList, principal, query, cid);
    return page.items[0] ?? null;
  }
}
