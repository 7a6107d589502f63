import { Module } from '@nestjs/common';
import { ReconciliationController } from './reconciliation.controller';
import { SigningStatisticsController } from './signing-statistics.controller';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { SUPERVISION_SETTINGS, SupervisionGatewayService, SupervisionSettings } from './supervision-gateway.service';
import {
  AcknowledgeDifferencePipe,
  PutStatisticPipe,
  SubmitStatisticsPipe,
  WithdrawStatisticPipe,
} from './supervision-inputs';

/** 预售监管 (staff): 网签统计补录 and 与房地产市场监管平台比对, in front of the contracts service. */
@Module({
  controllers: [SigningStatisticsController, ReconciliationController],
  providers: [
    {
      provide: SUPERVISION_SETTINGS,
      useFactory: (c: GatewayConfig): SupervisionSettings => ({ reconciliationTimeoutMs: c.reconciliationTimeoutMs }),
      inject: [GATEWAY_CONFIG],
    },
    SupervisionGatewayService,
    PutStatisticPipe,
    WithdrawStatisticPipe,
    SubmitStatisticsPipe,
    AcknowledgeDifferencePipe,
  ],
})
export class SupervisionModule {}
