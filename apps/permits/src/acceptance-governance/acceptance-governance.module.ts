import { Module } from '@nestjs/common';
import { AcceptanceGovernanceConsumer } from './acceptance-governance.consumer';
import { ConstructionPermitsRepository } from '../construction-permits/construction-permits.repository';
import { AcceptanceGovernanceService } from './acceptance-governance.service';

/** 验收日期数据治理补录: dates approved by the province through the alerts service. */
@Module({
  providers: [ConstructionPermitsRepository, AcceptanceGovernanceService, AcceptanceGovernanceConsumer],
})
export class AcceptanceGovernanceModule {}
