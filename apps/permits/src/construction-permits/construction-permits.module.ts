import { Module } from '@nestjs/common';
import { ELicenseRenderer } from '../e-license/e-license-renderer';
import { ConstructionPermitsController } from './construction-permits.controller';
import { ConstructionPermitsRepository } from './construction-permits.repository';
import { ConstructionPermitsService } from './construction-permits.service';
import { ELicenseService } from './e-license.service';
import { PermitUpsertService } from './permit-upsert.service';
import { SandboxPermitsRepository } from './sandbox-permits.repository';
import { SandboxPermitsService } from './sandbox-permits.service';

@Module({
  controllers: [ConstructionPermitsController],
  providers: [
    ConstructionPermitsRepository,
    SandboxPermitsRepository,
    ConstructionPermitsService,
    PermitUpsertService,
    SandboxPermitsService,
    ELicenseService,
    ELicenseRenderer,
  ],
  exports: [PermitUpsertService, ConstructionPermitsRepository],
})
export class ConstructionPermitsModule {}
