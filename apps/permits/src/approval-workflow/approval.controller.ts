import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ApplicationTransitionResultV1,
  ApprovalProjectV1,
  PermitApplicationPageV1,
  PermitApplicationReceiptV1,
  PermitApplicationStatusV1,
  PermitApplicationV1,
  Rpc,
  RpcPayload,
  ScanRefV1,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { ApprovalApplicationsService } from './approval-applications.service';
import { ApprovalProjectsService } from './approval-projects.service';
import { ApprovalTransitionsService } from './approval-transitions.service';

/** NATS handlers of 施工许可审批 (queue group "permits"); every payload validated again by the services. */
@Controller()
export class ApprovalController {
  constructor(
    private readonly projects: ApprovalProjectsService,
    private readonly applications: ApprovalApplicationsService,
    private readonly transitions: ApprovalTransitionsService,
  ) {}

  @RpcHandler(Rpc.approvalProjectRegister)
  register(@Payload() req: RpcPayload<typeof Rpc.approvalProjectRegister>): Promise<ApprovalProjectV1> {
    return this.projects.register(req.principal, req.body);
  }

  @RpcHandler(Rpc.approvalApplicationSubmit)
  submit(@Payload() req: RpcPayload<typeof Rpc.approvalApplicationSubmit>): Promise<PermitApplicationReceiptV1> {
    return this.applications.submit(req.principal, req.body);
  }

  @RpcHandler(Rpc.approvalApplicationStatus)
  status(@Payload() req: RpcPayload<typeof Rpc.approvalApplicationStatus>): Promise<PermitApplicationStatusV1> {
    return this.applications.status(req.principal, req.body.applicationId);
  }

  @RpcHandler(Rpc.approvalApplicantAction)
  applicantAction(
    @Payload() req: RpcPayload<typeof Rpc.approvalApplicantAction>,
  ): Promise<ApplicationTransitionResultV1> {
    return this.transitions.applicant(req.principal, req.body);
  }

  @RpcHandler(Rpc.approvalApplicationList)
  list(@Payload() req: RpcPayload<typeof Rpc.approvalApplicationList>): Promise<PermitApplicationPageV1> {
    return this.applications.list(req.principal, req.body);
  }

  @RpcHandler(Rpc.approvalApplicationGet)
  get(@Payload() req: RpcPayload<typeof Rpc.approvalApplicationGet>): Promise<PermitApplicationV1> {
    return this.applications.get(req.principal, req.body.applicationId);
  }

  @RpcHandler(Rpc.approvalApplicationTransition)
  transition(
    @Payload() req: RpcPayload<typeof Rpc.approvalApplicationTransition>,
  ): Promise<ApplicationTransitionResultV1> {
    return this.transitions.staff(req.principal, req.body);
  }

  @RpcHandler(Rpc.approvalCommitmentLetter)
  commitmentLetter(@Payload() req: RpcPayload<typeof Rpc.approvalCommitmentLetter>): Promise<ScanRefV1> {
    return this.applications.commitmentLetter(req.principal, req.body.applicationId);
  }
}
