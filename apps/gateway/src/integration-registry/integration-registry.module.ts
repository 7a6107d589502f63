import { Module } from '@nestjs/common';
import { IntegrationRegistryController } from './integration-registry.controller';
import { IntegrationRegistryRepository } from './integration-registry.repository';
import { IntegrationRegistryService } from './integration-registry.service';

/** 附件3 integration registry: /api/v1/admin/integration-registry (AuditService is global). */
@Module({
  controllers: [IntegrationRegistryController],
  providers: [IntegrationRegistryService, IntegrationRegistryRepository],
  exports: [IntegrationRegistryService],
})
export class IntegrationRegistryModule {}
