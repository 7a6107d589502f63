import { Module } from '@nestjs/common';
import { ApprovalController } from './approval.controller';
import { ConstructionPermitsController } from './construction-permits.controller';
import { ConstructionPermitsGatewayService } from './construction-permits.service';
import { PermitLookupCache } from './permit-lookup-cache';

@Module({
  controllers: [ConstructionPermitsController, ApprovalController],
  providers: [ConstructionPermitsGatewayService, PermitLookupCache],
})
export class ConstructionPermitsModule {}
