import { Module } from '@nestjs/common';
import { AcceptanceGovernanceConsumer } from './acceptance-governance.consumer';
import { AcceptanceGovernanceRepository } from './acceptance-governance.repository';
import { AcceptanceGovernanceService } from './acceptance-governance.service';

/** 验收日期数据治理补录: dates approved by the province through the alerts service. */
@Module({
  providers: [AcceptanceGovernanceRepository, AcceptanceGovernanceService, AcceptanceGovernanceConsumer],
})
export class AcceptanceGovernanceModule {}
