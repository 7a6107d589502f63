import { Module } from '@nestjs/common';
import { ConstructionPermitsModule } from '../construction-permits/construction-permits.module';
import { MarkingModule } from '../marking/marking.module';
import { ApprovalApplicationsService } from './approval-applications.service';
import { ApprovalController } from './approval.controller';
import { ApprovalProjectsService } from './approval-projects.service';
import { ApprovalRepository } from './approval.repository';
import { ApprovalTransitionsService } from './approval-transitions.service';
import { PermitIssuanceService } from './permit-issuance.service';

/** 施工许可审批: project registration, applications, the workflow and the permit issued at the decision. */
@Module({
  imports: [ConstructionPermitsModule, MarkingModule],
  controllers: [ApprovalController],
  providers: [
    ApprovalRepository,
    ApprovalProjectsService,
    ApprovalApplicationsService,
    ApprovalTransitionsService,
    PermitIssuanceService,
  ],
})
export class ApprovalWorkflowModule {}
