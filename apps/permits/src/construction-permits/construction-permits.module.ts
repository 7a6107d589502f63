import { Module } from '@nestjs/common';
import { ELicenseRenderer } from '../e-license/e-license-renderer';
import { ConstructionPermitsController } from './construction-permits.controller';
import { ConstructionPermitsService } from './construction-permits.service';
import { ELicenseService } from './e-license.service';
import { PermitUpsertService } from './permit-upsert.service';

@Module({
  controllers: [ConstructionPermitsController],
  providers: [ConstructionPermitsService, PermitUpsertService, ELicenseService, ELicenseRenderer],
  exports: [PermitUpsertService],
})
export class ConstructionPermitsModule {}
