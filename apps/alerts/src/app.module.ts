import { DynamicModule, Module } from '@nestjs/common';
import {
  AlertsEvents,
  ContractsEvents,
  EscrowEvents,
  PermitsEvents,
  PresaleEvents,
  Rpc,
  StatisticsEvents,
} from '@hn/messages';
import { ServiceKitModule } from '@hn/service-kit';
import { AcceptanceBackfillRepository } from './acceptance-backfill/acceptance-backfill.repository';
import { AcceptanceBackfillService } from './acceptance-backfill/acceptance-backfill.service';
import { AlertActionsService } from './alerts/alert-actions.service';
import { AlertEvaluator } from './alerts/alert-evaluator.service';
import { AlertFactsRepository } from './alerts/alert-facts.repository';
import { AlertQueryService } from './alerts/alert-query.service';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsMetrics } from './alerts/alerts.metrics';
import { AlertsRepository } from './alerts/alerts.repository';
import { ALERTS_CLOCK, Clock, systemClock } from './clock/clock';
import { ALERTS_CONFIG, AlertsConfig } from './config/alerts.config';
import { alertsMigrations } from './migrations';
import { ALERT_EVENT_CONSUMERS } from './read-model/alert-event-consumers';
import { AlertProjection } from './read-model/alert-projection.service';
import { ReadModelProjector } from './read-model/read-model.projector';
import { ReadModelRepository } from './read-model/read-model.repository';
import { ApprovalStageRepository } from './read-model/approval-stage.repository';
import { AlertScanRepository } from './scans/alert-scan.repository';
import { DailySweepService } from './sweep/daily-sweep.service';
import { SweepRepository } from './sweep/sweep.repository';
import { StatisticsModule } from './statistics/statistics.module';

export interface AlertsAppOptions {
  /** tests move the date; production uses the system clock */
  clock?: Clock;
}

@Module({})
export class AlertsAppModule {
  static register(config: AlertsConfig, options: AlertsAppOptions = {}): DynamicModule {
    return {
      module: AlertsAppModule,
      imports: [
        ServiceKitModule.forService({
          service: 'alerts',
          config,
          configToken: ALERTS_CONFIG,
          migrations: alertsMigrations,
          // the consumed streams are ensured too, so the consumers can start before their owners ever ran
          streams: [
            { name: AlertsEvents.stream, subjects: [...AlertsEvents.streamSubjects] },
            { name: StatisticsEvents.stream, subjects: [...StatisticsEvents.streamSubjects] },
            { name: PermitsEvents.stream, subjects: [...PermitsEvents.streamSubjects] },
            { name: PresaleEvents.stream, subjects: [...PresaleEvents.streamSubjects] },
            { name: ContractsEvents.stream, subjects: [...ContractsEvents.streamSubjects] },
            { name: EscrowEvents.stream, subjects: [...EscrowEvents.streamSubjects] },
          ],
          health: { rpc: Rpc.alertsHealth, objectStore: true },
        }),
        StatisticsModule.register(options.clock ?? systemClock),
      ],
      controllers: [AlertsController],
      providers: [
        { provide: ALERTS_CLOCK, useValue: options.clock ?? systemClock },
        ReadModelRepository,
        ApprovalStageRepository,
        ReadModelProjector,
        AlertFactsRepository,
        AlertsRepository,
        AlertsMetrics,
        AlertScanRepository,
        AlertEvaluator,
        AlertProjection,
        AlertQueryService,
        AlertActionsService,
        AcceptanceBackfillRepository,
        AcceptanceBackfillService,
        SweepRepository,
        DailySweepService,
        ...ALERT_EVENT_CONSUMERS,
      ],
    };
  }
}
