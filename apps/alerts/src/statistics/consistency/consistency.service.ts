import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CONSISTENCY_SOURCE_LABELS,
  consistencyFiguresOf,
  ConsistencySourceV1,
  Principal,
  ReportedSigningStatistics,
  Rpc,
  SigningStatisticsComparisonV1,
  RpcDef,
  SourceRecount,
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
import { compareConsistency, SourceOutcome } from './consistency-compare';
import { ConsistencyRecountRepository } from './consistency-recount.repository';
import { compareSigningStatistics, uncheckedSigningStatistics } from './signing-statistics-compare';

const RECOUNT: Record<ConsistencySourceV1, RpcDef<SourceRecountRequestV1, SourceRecountV1, 'principal'>> = {
  permits: Rpc.permitsRecount,
  presale: Rpc.presaleRecount,
  escrow: Rpc.escrowRecount,
  contracts: Rpc.contractsRecount,
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
    const sources = Object.keys(RECOUNT) as ConsistencySourceV1[];
    const codes = regionCodesCountedUnder(regionCode);
    const [statistics, signingStatistics, ...outcomes] = await Promise.all([
      this.repo.recount(this.dataSource.manager, endOfChinaDay(asOf), asOf, codes),
      this.signingStatistics(principal, request, codes),
      ...sources.map((s) => this.ask(s, principal, request)),
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
   * The counties' submitted signing statistics (asked of the contracts service, validated with
   * ReportedSigningStatistics) against the filings issued in their months; never throws.
   */
  private async signingStatistics(
    principal: Principal,
    request: SourceRecountRequestV1,
    codes: readonly string[],
  ): Promise<SigningStatisticsComparisonV1> {
    const label = CONSISTENCY_SOURCE_LABELS.contracts;
    let reply: unknown;
    try {
      reply = await this.rpc.call(Rpc.contractsSigningStatisticsReported, principal, request, currentCorrelationId());
    } catch (err) {
      const detail = err instanceof DomainException ? err.problem.detail : String(err);
      this.logger.warn(`consistency check: no reported signing statistics: ${detail}`);
      return uncheckedSigningStatistics(`${label}未提供网签统计，网签统计与备案未比对：${detail}`);
    }
    const checked = await validateMessage(ReportedSigningStatistics, reply);
    if (!checked.ok || checked.value.regionCode !== request.regionCode || checked.value.asOf !== request.asOf) {
      const fields = checked.ok ? 'regionCode / asOf' : checked.errors.map((e) => e.field).join(', ');
      this.logger.warn(`consistency check: invalid reported signing statistics (${fields})`);
      return uncheckedSigningStatistics(
        `${label}的网签统计应答无效，网签统计与备案未比对 (invalid reported signing statistics: ${fields})`,
      );
    }
    const reported = checked.value.statistics;
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

  /** One source's recount, validated with its message class; never throws. */
  private async ask(
    source: ConsistencySourceV1,
    principal: Principal,
    request: SourceRecountRequestV1,
  ): Promise<SourceOutcome> {
    const label = CONSISTENCY_SOURCE_LABELS[source];
    let reply: unknown;
    try {
      reply = await this.rpc.call(RECOUNT[source], principal, request, currentCorrelationId());
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
    const checked = await validateMessage(SourceRecount, reply);
    const expected = consistencyFiguresOf(source);
    const valid =
      checked.ok &&
      checked.value.source === source &&
      checked.value.regionCode === request.regionCode &&
      checked.value.asOf === request.asOf &&
      expected.every((f) => checked.value.figures.some((g) => g.figure === f));
    if (!valid) {
      const fields = checked.ok
        ? 'source / regionCode / asOf / figures'
        : checked.errors.map((e) => e.field).join(', ');
      this.logger.warn(`consistency check: source ${source} answered an invalid recount (${fields})`);
      return {
        source,
        message: `${label}的应答不是有效的核对结果，其统计项未核对 (invalid recount from ${source}: ${fields})`,
      };
    }
    return { source, figures: checked.value.figures };
  }
}
