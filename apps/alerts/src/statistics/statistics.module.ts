import { DynamicModule, Module } from '@nestjs/common';
import { ALERTS_CLOCK, Clock } from '../clock/clock';
import { AlertScanRepository } from '../scans/alert-scan.repository';
import { AssessmentAppealRepository } from './assessment/assessment-appeal.repository';
import { AssessmentAppealService } from './assessment/assessment-appeal.service';
import { ASSESSMENT_RULES, loadAssessmentRules } from './assessment/assessment-rules';
import { AssessmentRepository } from './assessment/assessment.repository';
import { AssessmentService } from './assessment/assessment.service';
import { ConsistencyRecountRepository } from './consistency/consistency-recount.repository';
import { ConsistencyService } from './consistency/consistency.service';
import { DigestSweepService } from './digests/digest-sweep.service';
import { DigestController } from './digests/digest.controller';
import { DigestRepository } from './digests/digest.repository';
import { DigestService } from './digests/digest.service';
import { STATISTICS_EVENT_CONSUMERS } from './projection/statistics-event-consumers';
import { StatisticsFactsRepository } from './projection/statistics-facts.repository';
import { StatisticsProjector } from './projection/statistics.projector';
import { StatisticsQueryRepository } from './query/statistics-query.repository';
import { StatisticsQueryService } from './query/statistics-query.service';
import { StatisticsReadCache } from './query/statistics-read-cache';
import { StatisticsController } from './statistics.controller';

/**
 * 统计 (issue 13): per-record facts and incremental aggregates fed by the statistics' own durable
 * consumers, the summary / monthly / records queries and the consistency check against the
 * owning services (从源头纠正), and the region assessment (营商环境考核) with its appeals, and the daily digests (统计日报). The assessment
 * rules file is checked here, when the service starts: an invalid file stops the boot. See docs/statistics.md.
 */
@Module({})
export class StatisticsModule {
  static register(clock: Clock, rules: unknown = undefined): DynamicModule {
    const assessmentRules = loadAssessmentRules(rules);
    return {
      module: StatisticsModule,
      controllers: [StatisticsController, DigestController],
      providers: [
        { provide: ALERTS_CLOCK, useValue: clock },
        StatisticsFactsRepository,
        StatisticsProjector,
        StatisticsQueryRepository,
        StatisticsQueryService,
        StatisticsReadCache,
        ConsistencyRecountRepository,
        ConsistencyService,
        { provide: ASSESSMENT_RULES, useValue: assessmentRules },
        AssessmentRepository,
        AssessmentService,
        AssessmentAppealRepository,
        AlertScanRepository,
        AssessmentAppealService,
        DigestRepository,
        DigestService,
        DigestSweepService,
        ...STATISTICS_EVENT_CONSUMERS,
      ],
    };
  }
}
