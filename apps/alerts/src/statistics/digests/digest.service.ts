import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertStaff, Scopes } from '@hn/auth';
import {
  DIGEST_PAGE_SIZE,
  Principal,
  RegionFiguresV1,
  StatisticsDigestGenerateInput,
  StatisticsDigestGenerateResultV1,
  StatisticsDigestListQuery,
  StatisticsDigestPageV1,
  StatisticsDigestV1,
  StatisticsEvents,
} from '@hn/messages';
import { enqueueEvent } from '@hn/eventing';
import { activeChildRegions, regionCodesCountedUnder } from '@hn/numbering';
import { DataSource } from 'typeorm';
import { chinaDateOf, endOfChinaDay, startOfChinaDay } from '../../clock/china-date';
import { ALERTS_CLOCK, Clock } from '../../clock/clock';
import { AssessmentService } from '../assessment/assessment.service';
import { statisticsQueryAllowed } from '../statistics-access';
import { invalidStatisticsQuery, StatisticsQueryService } from '../query/statistics-query.service';
import { assessmentChange, regionScores } from './digest-assessment';
import { alertCounts, digestFigures, flattenFigures } from './digest-deltas';
import { DigestRepository } from './digest.repository';

export const DIGEST_EVENTS_SOURCE = '/hn/alerts';
const PROVINCE = '430000';

/** The generator reads the figures as the province would (the summary's own checks stay in place). */
const GENERATOR: Principal = {
  kind: 'staff',
  id: 'system:statistics-digest',
  role: 'PROVINCE',
  regions: [PROVINCE],
  scopes: [Scopes.statisticsRead],
};

type DigestLevel = StatisticsDigestV1['level'];

/**
 * 统计日报: for a China date, one digest per region (the province, each city, each county) with the
 * summary's figures as of the date, the change since the region's previous digest, the alerts raised
 * and cleared during the date and the assessment (营商环境考核) as of the date against the previous digest's; each written once (unique per region and date) and published as
 * hn.statistics.digest.published.v1 through the outbox in the same transaction.
 */
@Injectable()
export class DigestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: DigestRepository,
    private readonly queries: StatisticsQueryService,
    private readonly assessment: AssessmentService,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
  ) {}

  async list(principal: Principal, body: unknown): Promise<StatisticsDigestPageV1> {
    // the query was validated with StatisticsDigestListQuery by @RpcHandler (dates, from ≤ to)
    const q = statisticsQueryAllowed<StatisticsDigestListQuery>(principal, body);
    const { rows, total } = await this.repo.list(this.dataSource.manager, q.regionCode, q.from ?? null, q.to ?? null, {
      offset: (q.page - 1) * DIGEST_PAGE_SIZE,
      limit: DIGEST_PAGE_SIZE,
    });
    return { regionCode: q.regionCode, items: rows, total, page: q.page, pageSize: DIGEST_PAGE_SIZE };
  }

  /** The on-demand trigger (province or admin staff). */
  async generateFor(
    principal: Principal,
    body: StatisticsDigestGenerateInput,
  ): Promise<StatisticsDigestGenerateResultV1> {
    assertStaff(principal, { roles: ['PROVINCE', 'ADMIN'] });
    // the body was validated with StatisticsDigestGenerateInput by @RpcHandler (Rpc.statisticsDigestGenerate)
    const today = chinaDateOf(this.clock.now());
    if (body.date > today)
      throw invalidStatisticsQuery([{ field: 'date', reason: `不能晚于今天 ${today} (must not be in the future)` }]);
    return (await this.generate(body.date, true))!;
  }

  /** Generates the date's missing digests; without `wait`, null when another replica is generating. */
  async generate(date: string, wait: boolean): Promise<StatisticsDigestGenerateResultV1 | null> {
    return this.repo.exclusively(async () => {
      const m = this.dataSource.manager;
      const done = await this.repo.regionsWithDigest(m, date);
      const regions = await this.regionFigures(date);
      let created = 0;
      if (regions.some((r) => !done.has(r.region.regionCode))) {
        const previous = await this.repo.previousDigests(m, date);
        const transitions = await this.repo.alertTransitions(m, startOfChinaDay(date), endOfChinaDay(date));
        // one evaluation of the province's items as of the date gives every region's assessment
        const scores = regionScores(this.assessment.rules, await this.assessment.unitItems(PROVINCE, date));
        const generatedAt = this.clock.now().toISOString();
        for (const { region, level } of regions) {
          if (done.has(region.regionCode)) continue;
          const codes = new Set(regionCodesCountedUnder(region.regionCode));
          const prev = previous.get(region.regionCode) ?? null;
          const score = scores.get(region.regionCode);
          const digest: StatisticsDigestV1 = {
            id: randomUUID(),
            regionCode: region.regionCode,
            regionName: region.regionName,
            level,
            date,
            previousDate: prev?.date ?? null,
            figures: digestFigures(prev?.figures ?? null, flattenFigures(region)),
            alertsRaised: alertCounts(transitions, 'RAISED', codes),
            alertsCleared: alertCounts(transitions, 'CLEARED', codes),
            generatedAt,
            assessment: score ? assessmentChange(this.assessment.rules.version, prev?.assessment ?? null, score) : null,
          };
          const wrote = await this.dataSource.transaction(async (tx) => {
            if (!(await this.repo.insert(tx, digest))) return false;
            await enqueueEvent<StatisticsDigestV1>(tx, {
              source: DIGEST_EVENTS_SOURCE,
              type: StatisticsEvents.digestPublished,
              subject: `${digest.regionCode}/${digest.date}`,
              data: digest,
            });
            return true;
          });
          if (wrote) created++;
        }
      }
      return { date, created, total: await this.repo.countOnDate(m, date) };
    }, wait);
  }

  /** The province, its cities and their counties with their figures as of the date (one summary per city). */
  private async regionFigures(date: string): Promise<Array<{ region: RegionFiguresV1; level: DigestLevel }>> {
    const province = await this.queries.summary(GENERATOR, { regionCode: PROVINCE, asOf: date });
    const out: Array<{ region: RegionFiguresV1; level: DigestLevel }> = [{ region: province, level: 'PROVINCE' }];
    for (const city of activeChildRegions(PROVINCE)) {
      const s = await this.queries.summary(GENERATOR, { regionCode: city, asOf: date });
      out.push({ region: s, level: 'CITY' });
      for (const child of s.children) if (child.level === 'COUNTY') out.push({ region: child, level: 'COUNTY' });
    }
    return out;
  }
}
