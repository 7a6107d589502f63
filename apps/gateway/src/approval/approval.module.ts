import { Module } from '@nestjs/common';
import { ApprovalApplicantController } from './approval.controller';
import { SupervisionApplicationsController } from './supervision-applications.controller';

/** 施工许可审批 in front of the permits service: the approval system's routes and the staff's. */
@Module({ controllers: [ApprovalApplicantController, SupervisionApplicationsController] })
export class ApprovalGatewayModule {}
