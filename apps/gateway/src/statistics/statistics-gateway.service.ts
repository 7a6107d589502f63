import { Injectable } from '@nestjs/common';
import { assertRegionAllowed } from '@hn/auth';
import {
  Principal,
  Rpc,
  StatisticsConsistencyRequestV1,
  StatisticsConsistencyV1,
  StatisticsMonthlyRequestV1,
  StatisticsMonthlyV1,
  StatisticsRecordPageV1,
  StatisticsRecordsRequestV1,
  StatisticsSummaryRequestV1,
  StatisticsSummaryV1,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { statisticsCsvHeader, statisticsCsvRow } from './statistics-csv';

/**
 * How long the gateway waits for the consistency check: the alerts service waits for each source
 * (ALERTS_CONSISTENCY_TIMEOUT_MS, at most 10 s, in parallel; both steps of a bucketed recount within
 * 1.5 × that) and recounts its own facts meanwhile.
 */
const CONSISTENCY_TIMEOUT_MS = 20_000;

/** Pages fetched per RPC while exporting (the service's largest page). */
const EXPORT_PAGE = 100;

/**
 * Gateway side of 统计: a first region check on the requested region, then the alerts service,
 * which validates the same message classes again and checks the region itself.
 */
@Injectable()
export class StatisticsGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  summary(principal: Principal, q: StatisticsSummaryRequestV1, cid: string): Promise<StatisticsSummaryV1> {
    assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    return this.rpc.call(
      Rpc.statisticsSummary,
      principal,
      { regionCode: q.regionCode, ...(q.asOf ? { asOf: q.asOf } : {}) },
      cid,
    );
  }

  monthly(principal: Principal, q: StatisticsMonthlyRequestV1, cid: string): Promise<StatisticsMonthlyV1> {
    assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    return this.rpc.call(Rpc.statisticsMonthly, principal, { regionCode: q.regionCode, from: q.from, to: q.to }, cid);
  }

  records(principal: Principal, q: StatisticsRecordsRequestV1, cid: string): Promise<StatisticsRecordPageV1> {
    assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    return this.rpc.call(Rpc.statisticsRecords, principal, toRequest(q, q.page, q.pageSize), cid);
  }

  consistency(principal: Principal, q: StatisticsConsistencyRequestV1, cid: string): Promise<StatisticsConsistencyV1> {
    assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    return this.rpc.call(
      Rpc.statisticsConsistency,
      principal,
      { regionCode: q.regionCode, ...(q.asOf ? { asOf: q.asOf } : {}) },
      cid,
      { timeoutMs: CONSISTENCY_TIMEOUT_MS },
    );
  }

  /** Every record behind the figure (all pages) as CSV lines, UTF-8 with BOM so Excel opens it. */
  async *exportCsv(principal: Principal, q: StatisticsRecordsRequestV1, cid: string): AsyncGenerator<string> {
    assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    // the first page is fetched before anything is sent, so a refused request is a problem, not a broken file
    let page = await this.rpc.call(Rpc.statisticsRecords, principal, toRequest(q, 1, EXPORT_PAGE), cid);
    // every page at the same date, even when the export runs past midnight
    const pinned = { ...q, asOf: page.asOf };
    yield `\uFEFF${statisticsCsvHeader()}\r\n`;
    for (let n = 1; ; n++) {
      if (page.items.length > 0) yield page.items.map((r) => `${statisticsCsvRow(r)}\r\n`).join('');
      if (n * EXPORT_PAGE >= page.total || page.items.length === 0) return;
      page = await this.rpc.call(Rpc.statisticsRecords, principal, toRequest(pinned, n + 1, EXPORT_PAGE), cid);
    }
  }
}

function toRequest(q: StatisticsRecordsRequestV1, page: number, pageSize: number): StatisticsRecordsRequestV1 {
  return { regionCode: q.regionCode, figure: q.figure, ...(q.asOf ? { asOf: q.asOf } : {}), page, pageSize };
}
