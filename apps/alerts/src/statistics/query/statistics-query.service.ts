import { Inject, Injectable } from '@nestjs/common';
import { statisticsQueryAllowed } from '../statistics-access';
import {
  FieldError,
  InvalidPayloads,
  MonthlyFiguresV1,
  monthsBetween,
  Principal,
  StatisticsMonthlyQuery,
  StatisticsMonthlyV1,
  StatisticsRecordKindV1,
  StatisticsRecordPageV1,
  StatisticsRecordsQuery,
  StatisticsSummaryQuery,
  StatisticsSummaryV1,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { currentRegionCode, regionCodesCountedUnder, regionName } from '@hn/numbering';
import { DataSource } from 'typeorm';
import { chinaDateOf, endOfChinaDay } from '../../clock/china-date';
import { ALERTS_CLOCK, Clock } from '../../clock/clock';
import { addInto, areaHundredths, FLOW_FIGURES } from '../figures/figure-vector';
import { FIGURE_SQL, RecordSetName } from '../statistics-sets.sql';
import { countUnderCurrentCodes, regionFigures, rollUp, toNested } from './region-rollup';
import { StatisticsQueryRepository } from './statistics-query.repository';
import { StatisticsReadCache } from './statistics-read-cache';

const KIND: Record<RecordSetName, StatisticsRecordKindV1> = {
  permits: 'CONSTRUCTION_PERMIT',
  presale: 'PRESALE_PERMIT',
  projects: 'PROJECT',
  escrow: 'PRESALE_PERMIT',
  filings: 'CONTRACT_FILING',
  alerts: 'ALERT',
};

export function invalidStatisticsQuery(errors: FieldError[]): DomainException {
  return DomainException.invalidPayload(InvalidPayloads.statisticsQuery, errors);
}

/**
 * 统计查询: the summary (a region and its children as of a date), the monthly flows and the records
 * behind a figure, inside the caller's regions. Staff tokens and integrator credentials with
 * statistics:read; the message classes are applied again here, and "today" is this service's.
 */
@Injectable()
export class StatisticsQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: StatisticsQueryRepository,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
    private readonly cache: StatisticsReadCache,
  ) {}

  async summary(principal: Principal, body: unknown): Promise<StatisticsSummaryV1> {
    const q = statisticsQueryAllowed<StatisticsSummaryQuery>(principal, body);
    const asOf = this.asOf(q.asOf);
    const today = asOf === this.today();
    return this.cache.get(`summary|${q.regionCode}|${asOf}|${today}`, () => this.summaryOf(q.regionCode, asOf, today));
  }

  /** The summary as of the end of asOf; today: the running totals (rm_stat_total) and the alerts open now. */
  private async summaryOf(regionCode: string, asOf: string, today: boolean): Promise<StatisticsSummaryV1> {
    const codes = regionCodesCountedUnder(regionCode);
    const m = this.dataSource.manager;
    const [stock, alerts] = await Promise.all([
      today ? this.repo.stockNow(m, asOf, codes) : this.repo.stock(m, asOf, codes),
      this.repo.alerts(m, today ? null : endOfChinaDay(asOf), asOf, codes),
    ]);
    const byRecordCode = new Map(stock);
    for (const [code, v] of alerts) byRecordCode.set(code, addInto({ ...(byRecordCode.get(code) ?? {}) }, v));
    const tree = rollUp(regionCode, countUnderCurrentCodes(byRecordCode));
    return { ...regionFigures(tree), asOf, children: tree.children.map(regionFigures) };
  }

  async monthly(principal: Principal, body: unknown): Promise<StatisticsMonthlyV1> {
    const q = statisticsQueryAllowed<StatisticsMonthlyQuery>(principal, body);
    const month = this.today().slice(0, 7);
    if (q.to > month)
      throw invalidStatisticsQuery([{ field: 'to', reason: `不能晚于本月 ${month} (must not be in the future)` }]);
    return this.cache.get(`monthly|${q.regionCode}|${q.from}|${q.to}`, () =>
      this.monthlyOf(q.regionCode, q.from, q.to),
    );
  }

  private async monthlyOf(regionCode: string, from: string, to: string): Promise<StatisticsMonthlyV1> {
    const flows = await this.repo.flowTotals(
      this.dataSource.manager,
      `${from}-01`,
      `${to}-01`,
      regionCodesCountedUnder(regionCode),
    );
    const months: MonthlyFiguresV1[] = monthsBetween(from, to).map((mon) => ({
      month: mon,
      ...toNested<Omit<MonthlyFiguresV1, 'month'>>(flows.get(mon) ?? {}, FLOW_FIGURES),
    }));
    return { regionCode, regionName: regionName(regionCode) ?? regionCode, from, to, months };
  }

  async records(principal: Principal, body: unknown): Promise<StatisticsRecordPageV1> {
    const q = statisticsQueryAllowed<StatisticsRecordsQuery>(principal, body);
    const asOf = this.asOf(q.asOf);
    const { rows, total } = await this.repo.records(
      this.dataSource.manager,
      q.figure,
      endOfChinaDay(asOf),
      asOf,
      regionCodesCountedUnder(q.regionCode),
      { offset: (q.page - 1) * q.pageSize, limit: q.pageSize },
    );
    const kind = KIND[FIGURE_SQL[q.figure].set];
    return {
      regionCode: q.regionCode,
      figure: q.figure,
      asOf,
      page: q.page,
      pageSize: q.pageSize,
      total,
      items: rows.map((r) => {
        const counted = currentRegionCode(r.region_code) ?? r.region_code;
        return {
          kind,
          key: r.key,
          reference: r.reference,
          regionCode: r.region_code,
          countedUnder: counted,
          regionName: regionName(counted) ?? counted,
          projectCode: r.project_code,
          projectName: r.project_name,
          date: r.date,
          area: r.area === null ? null : areaHundredths(r.area) / 100,
          amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
          units: r.units,
        };
      }),
    };
  }

  private today(): string {
    return chinaDateOf(this.clock.now());
  }

  /** The asOf date, today when absent; not after this service's today. */
  private asOf(requested: string | undefined): string {
    const today = this.today();
    if (requested && requested > today)
      throw invalidStatisticsQuery([{ field: 'asOf', reason: `不能晚于今天 ${today} (must not be in the future)` }]);
    return requested ?? today;
  }
}
