import { Module } from '@nestjs/common';
import { ApprovalController } from './approval.controller';
import { ConstructionPermitsController } from './construction-permits.controller';
import { ConstructionPermitsGatewayService } from './construction-permits.service';

@Module({ controllers: [ConstructionPermitsController, ApprovalController], providers: [ConstructionPermitsGatewayService] })
export class ConstructionPermitsModule {}
