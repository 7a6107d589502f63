import { DynamicModule, Module } from '@nestjs/common';
import { AlertsEvents, PermitsEvents, Rpc } from '@hn/messages';
import { ServiceKitModule } from '@hn/service-kit';
import { PERMITS_CONFIG, PermitsConfig } from './config/permits.config';
import { ConstructionPermitsModule } from './construction-permits/construction-permits.module';
import { BuildingUnit } from './construction-permits/entities/building-unit.entity';
import { ConstructionPermit } from './construction-permits/entities/construction-permit.entity';
import { ELicenseFile } from './construction-permits/entities/e-license-file.entity';
import { Project } from './construction-permits/entities/project.entity';
import { MarkingModule } from './marking/marking.module';
import { ApprovalWorkflowModule } from './approval-workflow/approval.module';
import { AcceptanceGovernanceModule } from './acceptance-governance/acceptance-governance.module';
import { AcceptanceGovernance } from './acceptance-governance/entities/acceptance-governance.entity';
import { permitsMigrations } from './migrations';
import { PermitsRecountController } from './consistency/permits-recount.controller';
import { PermitsRecountRepository } from './consistency/permits-recount.repository';

export const permitsEntities = [Project, ConstructionPermit, BuildingUnit, ELicenseFile, AcceptanceGovernance];

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
          // HN_ALERTS too: the governance consumer may start before the alerts service ever ran
          streams: [
            { name: PermitsEvents.stream, subjects: [...PermitsEvents.streamSubjects] },
            { name: AlertsEvents.stream, subjects: [...AlertsEvents.streamSubjects] },
          ],
          health: { rpc: Rpc.permitsHealth, objectStore: true },
        }),
        ConstructionPermitsModule,
        MarkingModule,
        AcceptanceGovernanceModule,
        ApprovalWorkflowModule,
      ],
      controllers: [PermitsRecountController],
      providers: [PermitsRecountRepository],
    };
  }
}
