import { Module } from '@nestjs/common';
import { ConstructionPermitsModule } from '../construction-permits/construction-permits.module';
import { MarkingModule } from '../marking/marking.module';
import { ApprovalApplicationsService } from './approval-applications.service';
import { ApprovalController } from './approval.controller';
import { CommitmentLettersService } from './commitment-letters.service';
import { ApprovalProjectsService } from './approval-projects.service';
import { ApprovalRepository } from './approval.repository';
import { ApprovalTransitionsService } from './approval-transitions.service';
import { PermitIssuanceService } from './permit-issuance.service';
import { ApprovalClockRepository } from './approval-clock.repository';
import { ApprovalClockService } from './clock/approval-clock.service';
import { ApprovalOverdueService } from './clock/approval-overdue.service';
import { Clock, fileClock, PERMITS_CLOCK, systemClock } from '../clock/permits-clock';
import { PERMITS_CONFIG, PermitsConfig } from '../config/permits.config';

/** 施工许可审批: project registration, applications, the workflow with its clocks and the overdue sweep, and the permit issued at the decision. */
@Module({
  imports: [ConstructionPermitsModule, MarkingModule],
  controllers: [ApprovalController],
  providers: [
    ApprovalRepository,
    ApprovalProjectsService,
    ApprovalApplicationsService,
    CommitmentLettersService,
    ApprovalTransitionsService,
    PermitIssuanceService,
    ApprovalClockRepository,
    ApprovalClockService,
    ApprovalOverdueService,
    {
      provide: PERMITS_CLOCK,
      useFactory: (config: PermitsConfig): Clock => (config.clockFile ? fileClock(config.clockFile) : systemClock),
      inject: [PERMITS_CONFIG],
    },
  ],
})
export class ApprovalWorkflowModule {}
