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
  ) {}

  async summary(principal: Principal, body: unknown): Promise<StatisticsSummaryV1> {
    const q = statisticsQueryAllowed<StatisticsSummaryQuery>(principal, body);
    const asOf = this.asOf(q.asOf);
    const codes = regionCodesCountedUnder(q.regionCode);
    const m = this.dataSource.manager;
    const today = asOf === this.today();
    const [stock, alerts] = await Promise.all([
      this.repo.stock(m, asOf, codes),
      this.repo.alerts(m, today ? null : endOfChinaDay(asOf), asOf, codes),
    ]);
    const byRecordCode = new Map(stock);
    for (const [code, v] of alerts) byRecordCode.set(code, addInto({ ...(byRecordCode.get(code) ?? {}) }, v));
    const tree = rollUp(q.regionCode, countUnderCurrentCodes(byRecordCode));
    return { ...regionFigures(tree), asOf, children: tree.children.map(regionFigures) };
  }

  async monthly(principal: Principal, body: unknown): Promise<StatisticsMonthlyV1> {
    const q = statisticsQueryAllowed<StatisticsMonthlyQuery>(principal, body);
    const month = this.today().slice(0, 7);
    if (q.to > month)
      throw invalidStatisticsQuery([{ field: 'to', reason: `不能晚于本月 ${month} (must not be in the future)` }]);
    const flows = await this.repo.flowTotals(
      this.dataSource.manager,
      `${q.from}-01`,
      `${q.to}-01`,
      regionCodesCountedUnder(q.regionCode),
    );
    const months: MonthlyFiguresV1[] = monthsBetween(q.from, q.to).map((mon) => ({
      month: mon,
      ...toNested<Omit<MonthlyFiguresV1, 'month'>>(flows.get(mon) ?? {}, FLOW_FIGURES),
    }));
    return {
      regionCode: q.regionCode,
      regionName: regionName(q.regionCode) ?? q.regionCode,
      from: q.from,
      to: q.to,
      months,
    };
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
