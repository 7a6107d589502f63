import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CONSISTENCY_SOURCE_LABELS,
  consistencyFiguresOf,
  ConsistencyFigureV1,
  ConsistencySourceV1,
  Principal,
  recountBuckets,
  ReportedSigningStatisticsPage,
  ReportedSigningStatisticV1,
  Rpc,
  SigningStatisticsComparisonV1,
  RpcDef,
  SourceBucketRecountRequestV1,
  SourceFigureCountV1,
  SourceRecount,
  SourceRecountBuckets,
  SourceRecountBucketsV1,
  SourceRecountRequestV1,
  SourceRecountV1,
  StatisticsConsistencyRequestV1,
  StatisticsConsistencyV1,
  validateMessage,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { statisticsQueryAllowed } from '../statistics-access';
import { InjectNats } from '@hn/eventing';
import { RpcClient } from '@hn/messaging';
import { regionCodesCountedUnder, regionName } from '@hn/numbering';
import { currentCorrelationId } from '@hn/observability';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { chinaDateOf, endOfChinaDay } from '../../clock/china-date';
import { ALERTS_CLOCK, Clock } from '../../clock/clock';
import { ALERTS_CONFIG, AlertsConfig } from '../../config/alerts.config';
import { invalidStatisticsQuery } from '../query/statistics-query.service';
import { bucketsToFetch, rebuiltRecount, statisticsFiguresOf } from './bucketed-recount';
import { compareConsistency, SourceOutcome } from './consistency-compare';
import { ConsistencyRecountRepository } from './consistency-recount.repository';
import { compareSigningStatistics, uncheckedSigningStatistics } from './signing-statistics-compare';

/** Step 1 of each source's bucketed recount: the fingerprints per figure and bucket. */
const RECOUNT_BUCKETS: Record<
  ConsistencySourceV1,
  RpcDef<SourceRecountRequestV1, SourceRecountBucketsV1, 'principal'>
> = {
  permits: Rpc.permitsRecountBuckets,
  presale: Rpc.presaleRecountBuckets,
  escrow: Rpc.escrowRecountBuckets,
  contracts: Rpc.contractsRecountBuckets,
};

/** Step 2: the per-project counts of the differing buckets. */
const RECOUNT_OF_BUCKETS: Record<
  ConsistencySourceV1,
  RpcDef<SourceBucketRecountRequestV1, SourceRecountV1, 'principal'>
> = {
  permits: Rpc.permitsRecountOfBuckets,
  presale: Rpc.presaleRecountOfBuckets,
  escrow: Rpc.escrowRecountOfBuckets,
  contracts: Rpc.contractsRecountOfBuckets,
};

/**
 * 从源头纠正: the statistics' per-project counts compared with each owning service's own recount
 * (asked over NATS with the caller's principal, which every source checks again). A source that
 * does not answer in time, or answers something that is not a valid recount of the request, leaves
 * its figures 未核对 with a Chinese message; the check itself still answers.
 */
@Injectable()
export class ConsistencyService {
  private readonly logger = new Logger(ConsistencyService.name);
  private readonly rpc: RpcClient;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: ConsistencyRecountRepository,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
    @InjectNats() nats: NatsConnection,
  ) {
    this.rpc = new RpcClient(nats, { timeoutMs: config.consistencyTimeoutMs });
  }

  async check(principal: Principal, body: StatisticsConsistencyRequestV1): Promise<StatisticsConsistencyV1> {
    const { regionCode } = statisticsQueryAllowed<StatisticsConsistencyRequestV1>(principal, body);
    const today = chinaDateOf(this.clock.now());
    if (body.asOf && body.asOf > today)
      throw invalidStatisticsQuery([{ field: 'asOf', reason: `不能晚于今天 ${today} (must not be in the future)` }]);
    const asOf = body.asOf ?? today;
    const request: SourceRecountRequestV1 = { regionCode, asOf };
    const sources = Object.keys(RECOUNT_BUCKETS) as ConsistencySourceV1[];
    const codes = regionCodesCountedUnder(regionCode);
    const counting = this.repo.recount(this.dataSource.manager, endOfChinaDay(asOf), asOf, codes);
    const [statistics, signingStatistics, ...outcomes] = await Promise.all([
      counting,
      this.signingStatistics(principal, request, codes),
      ...sources.map((s) => this.ask(s, principal, request, counting)),
    ]);
    return compareConsistency({
      regionCode,
      regionName: regionName(regionCode) ?? regionCode,
      asOf,
      statistics,
      sources: outcomes,
      signingStatistics,
    });
  }

  /**
   * The counties' submitted signing statistics (asked of the contracts service a page at a time, each page
   * validated with ReportedSigningStatisticsPage) against the filings issued in their months; never throws.
   */
  private async signingStatistics(
    principal: Principal,
    request: SourceRecountRequestV1,
    codes: readonly string[],
  ): Promise<SigningStatisticsComparisonV1> {
    const label = CONSISTENCY_SOURCE_LABELS.contracts;
    const deadline = Date.now() + this.config.consistencyTimeoutMs * 1.5;
    const reported: ReportedSigningStatisticV1[] = [];
    let after: string | undefined;
    for (;;) {
      let reply: unknown;
      try {
        const timeoutMs = Math.min(this.config.consistencyTimeoutMs, deadline - Date.now());
        if (timeoutMs <= 0) throw new Error('timeout: no time left for the signing statistics');
        const body = after ? { ...request, after } : request;
        reply = await this.rpc.call(Rpc.contractsSigningStatisticsPage, principal, body, currentCorrelationId(), {
          timeoutMs,
        });
      } catch (err) {
        const detail = err instanceof DomainException ? err.problem.detail : String(err);
        this.logger.warn(`consistency check: no reported signing statistics: ${detail}`);
        return uncheckedSigningStatistics(`${label}未提供网签统计，网签统计与备案未比对：${detail}`);
      }
      const checked = await validateMessage(ReportedSigningStatisticsPage, reply);
      if (
        !checked.ok ||
        checked.value.regionCode !== request.regionCode ||
        checked.value.asOf !== request.asOf ||
        (checked.value.next !== null && checked.value.next === after)
      ) {
        const fields = checked.ok ? 'regionCode / asOf / next' : checked.errors.map((e) => e.field).join(', ');
        this.logger.warn(`consistency check: invalid reported signing statistics (${fields})`);
        return uncheckedSigningStatistics(
          `${label}的网签统计应答无效，网签统计与备案未比对 (invalid reported signing statistics: ${fields})`,
        );
      }
      reported.push(...checked.value.statistics);
      if (!checked.value.next) break;
      after = checked.value.next;
    }
    const months = [...new Set(reported.map((r) => r.month))];
    const issued = await this.repo.issuedFilingMonths(
      this.dataSource.manager,
      endOfChinaDay(request.asOf),
      request.asOf,
      codes,
      months,
    );
    return compareSigningStatistics(reported, issued);
  }

  /**
   * One source's recount, asked in buckets (consistency-buckets.ts: the fingerprints, then the per-project
   * counts of the buckets that differ only, each reply small at any scale) and validated with the message
   * classes; rebuilt as the whole recount to compare. Never throws.
   */
  private async ask(
    source: ConsistencySourceV1,
    principal: Principal,
    request: SourceRecountRequestV1,
    counting: Promise<ReadonlyMap<ConsistencyFigureV1, SourceFigureCountV1>>,
  ): Promise<SourceOutcome> {
    const label = CONSISTENCY_SOURCE_LABELS[source];
    const expected = consistencyFiguresOf(source);
    // both steps within 1.5 × the timeout (at most 15 s: the gateway waits 20 s for the whole check)
    const deadline = Date.now() + this.config.consistencyTimeoutMs * 1.5;
    const step1 = await this.call(source, RECOUNT_BUCKETS[source], principal, request);
    if ('message' in step1) return step1;
    const own = statisticsFiguresOf(expected, await counting);
    const buckets = await validateMessage(SourceRecountBuckets, step1.reply);
    const bucketsValid =
      buckets.ok &&
      buckets.value.source === source &&
      buckets.value.regionCode === request.regionCode &&
      buckets.value.asOf === request.asOf &&
      buckets.value.buckets.every((b) => expected.includes(b.figure));
    if (!bucketsValid) return this.invalid(source, buckets.ok ? null : buckets.errors);
    const groups = bucketsToFetch(recountBuckets(own), buckets.value.buckets);
    const replies: SourceFigureCountV1[][] = [];
    for (const group of groups) {
      const left = Math.min(this.config.consistencyTimeoutMs, deadline - Date.now());
      const step2 = await this.call(
        source,
        RECOUNT_OF_BUCKETS[source],
        principal,
        { ...request, buckets: group },
        left,
      );
      if ('message' in step2) return step2;
      const checked = await validateMessage(SourceRecount, step2.reply);
      const valid =
        checked.ok &&
        checked.value.source === source &&
        checked.value.regionCode === request.regionCode &&
        checked.value.asOf === request.asOf &&
        expected.every((f) => checked.value.figures.some((g) => g.figure === f));
      if (!valid) return this.invalid(source, checked.ok ? null : checked.errors);
      replies.push(checked.value.figures);
    }
    this.logger.debug(`consistency check: ${label} sent ${groups.flat().length} differing buckets in ${groups.length}`);
    return { source, figures: rebuiltRecount(own, new Set(groups.flat()), replies) };
  }

  /** One RPC of a source's recount; a failure as the source's 未核对 message. */
  private async call<Req, Res>(
    source: ConsistencySourceV1,
    def: RpcDef<Req, Res, 'principal'>,
    principal: Principal,
    body: Req,
    timeoutMs = this.config.consistencyTimeoutMs,
  ): Promise<{ reply: unknown } | { source: ConsistencySourceV1; message: string }> {
    const label = CONSISTENCY_SOURCE_LABELS[source];
    try {
      if (timeoutMs <= 0) throw new Error('timeout: no time left for this source');
      return { reply: await this.rpc.call(def, principal, body, currentCorrelationId(), { timeoutMs }) };
    } catch (err) {
      const detail = err instanceof DomainException ? err.problem.detail : String(err);
      const timedOut = detail.includes('timeout');
      this.logger.warn(`consistency check: source ${source} gave no recount: ${detail}`);
      const tooLarge = err instanceof DomainException && err.problem.status === 413;
      return {
        source,
        message: timedOut
          ? `${label}未在 ${this.config.consistencyTimeoutMs / 1000} 秒内应答，其统计项未核对 (source ${source} did not answer: timeout)`
          : tooLarge
            ? `${label}的核对结果过大，其统计项未核对：${detail}`
            : `${label}暂不可用，其统计项未核对：${detail}`,
      };
    }
  }

  private invalid(source: ConsistencySourceV1, errors: ReadonlyArray<{ field: string }> | null): SourceOutcome {
    const fields = errors ? errors.map((e) => e.field).join(', ') : 'source / regionCode / asOf / figures';
    this.logger.warn(`consistency check: source ${source} answered an invalid recount (${fields})`);
    return {
      source,
      message: `${CONSISTENCY_SOURCE_LABELS[source]}的应答不是有效的核对结果，其统计项未核对 (invalid recount from ${source}: ${fields})`,
    };
  }
}
