import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PermitsEvents, Rpc } from '@hn/contracts';
import { ObservabilityModule } from '@hn/observability';
import { createServiceHealthController, PersistenceModule, ServiceConfigModule } from '@hn/persistence';
import { PERMITS_CONFIG, PermitsConfig } from './config/permits.config';
import { ConstructionPermitsModule } from './construction-permits/construction-permits.module';
import { BuildingUnit } from './construction-permits/entities/building-unit.entity';
import { ConstructionPermit } from './construction-permits/entities/construction-permit.entity';
import { ELicenseFile } from './construction-permits/entities/e-license-file.entity';
import { Project } from './construction-permits/entities/project.entity';
import { MarkingModule } from './marking/marking.module';
import { permitsMigrations } from './migrations';

export const permitsEntities = [Project, ConstructionPermit, BuildingUnit, ELicenseFile];

@Module({})
export class PermitsAppModule {
  static register(config: PermitsConfig): DynamicModule {
    return {
      module: PermitsAppModule,
      imports: [
        ServiceConfigModule.forRoot(PERMITS_CONFIG, config),
        ObservabilityModule.forService('permits', { logLevel: config.logLevel }),
        PersistenceModule.forService({
          serviceName: 'permits',
          serverUrl: config.databaseUrl,
          natsUrl: config.natsUrl,
          database: config.databaseName,
          entities: permitsEntities,
          migrations: permitsMigrations,
          eventSource: '/hn/permits',
          streams: [{ name: PermitsEvents.stream, subjects: [...PermitsEvents.streamSubjects] }],
        }),
        TerminusModule,
        ConstructionPermitsModule,
        MarkingModule,
      ],
      controllers: [createServiceHealthController('permits', Rpc.permitsHealth, { objectStore: true })],
    };
  }
}
