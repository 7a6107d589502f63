import { DynamicModule, Module } from '@nestjs/common';
import { PermitsEvents, Rpc } from '@hn/messages';
import { ServiceKitModule } from '@hn/service-kit';
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
        ServiceKitModule.forService({
          service: 'permits',
          config,
          configToken: PERMITS_CONFIG,
          migrations: permitsMigrations,
          entities: permitsEntities,
          streams: [{ name: PermitsEvents.stream, subjects: [...PermitsEvents.streamSubjects] }],
          health: { rpc: Rpc.permitsHealth, objectStore: true },
        }),
        ConstructionPermitsModule,
        MarkingModule,
      ],
    };
  }
}
