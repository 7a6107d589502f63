import { Inject, Injectable } from '@nestjs/common';
import {
  AssessmentItemKindV1,
  AssessmentItemV1,
  Principal,
  StatisticsAssessmentQuery,
  StatisticsAssessmentV1,
} from '@hn/messages';
import { activeRegionLevel, currentRegionCode, regionCodesCountedUnder, regionName } from '@hn/numbering';
import { DataSource } from 'typeorm';
import { addDays, chinaDateOf, endOfChinaDay } from '../../clock/china-date';
import { ALERTS_CLOCK, Clock } from '../../clock/clock';
import { invalidStatisticsQuery } from '../query/statistics-query.service';
import { statisticsQueryAllowed } from '../statistics-access';
import { answeredRegions, assessRegions } from './assessment-evaluation';
import { ASSESSMENT_RULES, AssessmentRule, AssessmentRules } from './assessment-rules';
import { AssessmentRepository, MEASURE_KIND, MeasuredRow } from './assessment.repository';

const enc = encodeURIComponent;

/** The record's API route (GET) an item links to. */
function linkOf(kind: AssessmentItemKindV1, row: MeasuredRow, unit: string, asOf: string): string {
  switch (kind) {
    case 'CONSTRUCTION_PERMIT':
      return `/api/v1/construction-permits/${enc(row.id)}`;
    case 'PROJECT':
      return `/api/v1/statistics/projects?regionCode=${unit}&figure=presale.presaleProjectsWithoutPresalePermit&asOf=${asOf}`;
    case 'PRESALE_PERMIT':
      return `/api/v1/presale-permits/${enc(row.id)}`;
    case 'ALERT':
      return `/api/v1/supervision/alerts/${enc(row.id)}`;
    case 'ACCEPTANCE_BACKFILL':
      return `/api/v1/construction-permits/${enc(row.number ?? '')}`;
  }
}

/**
 * 营商环境考核: each rule's records as of the end of the asOf China day (the facts' registration times,
 * as the summary reads them; the alerts' history as recorded by then; appeals upheld by then), grouped by
 * the county in force they count under, then scored (assessment-evaluation.ts). The same asOf always
 * gives the same answer: nothing recorded later is read.
 */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: AssessmentRepository,
    @Inject(ASSESSMENT_RULES) readonly rules: AssessmentRules,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
  ) {}

  async assessment(principal: Principal, body: unknown): Promise<StatisticsAssessmentV1> {
    const q = statisticsQueryAllowed<StatisticsAssessmentQuery>(principal, body);
    const today = this.today();
    if (q.asOf && q.asOf > today)
      throw invalidStatisticsQuery([{ field: 'asOf', reason: `不能晚于今天 ${today} (must not be in the future)` }]);
    const asOf = q.asOf ?? today;
    const byUnit = await this.unitItems(q.regionCode, asOf);
    return {
      rulesVersion: this.rules.version,
      asOf,
      regionCode: q.regionCode,
      regionName: regionName(q.regionCode) ?? q.regionCode,
      regions: answeredRegions(activeRegionLevel(q.regionCode), assessRegions(this.rules, q.regionCode, byUnit), asOf),
    };
  }

  today(): string {
    return chinaDateOf(this.clock.now());
  }

  rule(id: string): AssessmentRule | undefined {
    return this.rules.rules.find((r) => r.id === id);
  }

  /** The deducted items per unit in force (county or 市本级) and rule, as of the date. */
  async unitItems(region: string, asOf: string): Promise<Map<string, Map<string, AssessmentItemV1[]>>> {
    const codes = regionCodesCountedUnder(region);
    const at = endOfChinaDay(asOf);
    const m = this.dataSource.manager;
    const [upheld, ...measured] = await Promise.all([
      this.repo.upheld(m, at, codes),
      ...this.rules.rules.map(async (rule) => {
        const cutoff = this.cutoff(rule, asOf);
        return cutoff === null ? [] : this.repo.measured(m, rule.measure, at, asOf, codes, cutoff);
      }),
    ]);
    const out = new Map<string, Map<string, AssessmentItemV1[]>>();
    this.rules.rules.forEach((rule, i) => {
      const kind = MEASURE_KIND[rule.measure];
      for (const row of measured[i]!) {
        const unit = currentRegionCode(row.region_code);
        if (!unit || upheld.has(`${rule.id}\u0000${row.id}`)) continue;
        const perRule = out.get(unit) ?? new Map<string, AssessmentItemV1[]>();
        out.set(unit, perRule);
        const list = perRule.get(rule.id) ?? [];
        perRule.set(rule.id, list);
        list.push({
          kind,
          id: row.id,
          number: row.number,
          projectCode: row.project_code,
          projectName: row.project_name,
          regionCode: row.region_code,
          date: row.date,
          link: linkOf(kind, row, unit, asOf),
        });
      }
    });
    return out;
  }

  /**
   * The measure's cut-off date, or null when the rule cannot count yet: unmarked permits only once the
   * marking deadline plus `days` has passed (permits issued by the deadline); waiting periods: asOf − days.
   */
  private cutoff(rule: AssessmentRule, asOf: string): string | null {
    if (rule.measure === 'unmarkedSocialInvestmentPermits')
      return asOf > addDays(this.rules.markingDeadline, rule.days ?? 0) ? this.rules.markingDeadline : null;
    return addDays(asOf, -(rule.days ?? 0));
  }
}
