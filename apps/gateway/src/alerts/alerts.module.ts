import { Module } from '@nestjs/common';
import { AcceptanceBackfillsController } from './acceptance-backfills.controller';
import {
  AlertIdPipe,
  AlertListQueryPipe,
  BackfillIdPipe,
  BackfillListQueryPipe,
  DecisionPipe,
  FollowUpPipe,
  PermitLinkPipe,
} from './alert-inputs';
import { AlertsController } from './alerts.controller';
import { AlertsGatewayService } from './alerts-gateway.service';

/** 预警 and 验收日期数据治理补录 (staff), in front of the alerts service. */
@Module({
  controllers: [AlertsController, AcceptanceBackfillsController],
  providers: [
    AlertsGatewayService,
    AlertListQueryPipe,
    BackfillListQueryPipe,
    FollowUpPipe,
    DecisionPipe,
    PermitLinkPipe,
    AlertIdPipe,
    BackfillIdPipe,
  ],
})
export class AlertsModule {}
