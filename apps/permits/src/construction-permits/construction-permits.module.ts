import { Module } from '@nestjs/common';
import { ELicenseRenderer } from '../e-license/e-license-renderer';
import { ConstructionPermitsController } from './construction-permits.controller';
import { ConstructionPermitsService } from './construction-permits.service';
import { ELicenseService } from './e-license.service';
import { PermitUpsertService } from './permit-upsert.service';
import { SandboxPermitsService } from './sandbox-permits.service';

@Module({
  controllers: [ConstructionPermitsController],
  providers: [
    ConstructionPermitsService,
    PermitUpsertService,
    SandboxPermitsService,
    ELicenseService,
    ELicenseRenderer,
  ],
  exports: [PermitUpsertService],
})
export class ConstructionPermitsModule {}
