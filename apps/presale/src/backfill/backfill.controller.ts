import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BackfillCandidateListRequestV1,
  BackfillCandidatePageV1,
  BackfillIssuedV1,
  BackfillIssueRequestV1,
  BackfillListRequestV1,
  BackfillPageV1,
  BackfillSubmitRequestV1,
  BackfillSubmitResultV1,
  BackfillWithdrawRequestV1,
  BackfillWithdrawResultV1,
  PresaleBackfillRpc,
  PresaleCorrectionRequestV1,
  PresaleCorrectionResultV1,
  RpcRequest,
} from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { RpcCorrelationInterceptor } from '@hn/observability';
import { BackfillCorrectionService } from './backfill-correction.service';
import { BackfillIssueService } from './backfill-issue.service';
import { BackfillLifecycleService } from './backfill-lifecycle.service';
import { BackfillQueryService } from './backfill-query.service';

/** NATS request/reply handlers of 补录预售许可证 (queue group "presale"); staff principals only. */
@Controller()
@UseFilters(RpcProblemFilter)
@UseInterceptors(RpcCorrelationInterceptor)
export class BackfillController {
  constructor(
    private readonly issuance: BackfillIssueService,
    private readonly lifecycle: BackfillLifecycleService,
    private readonly correction: BackfillCorrectionService,
    private readonly queries: BackfillQueryService,
  ) {}

  @MessagePattern(PresaleBackfillRpc.candidates)
  candidates(@Payload() req: RpcRequest<BackfillCandidateListRequestV1>): Promise<BackfillCandidatePageV1> {
    return this.queries.candidates(req?.principal, req?.body);
  }

  @MessagePattern(PresaleBackfillRpc.issue)
  issue(@Payload() req: RpcRequest<BackfillIssueRequestV1>): Promise<BackfillIssuedV1> {
    return this.issuance.issue(req?.principal, req?.body);
  }

  @MessagePattern(PresaleBackfillRpc.list)
  list(@Payload() req: RpcRequest<BackfillListRequestV1>): Promise<BackfillPageV1> {
    return this.queries.list(req?.principal, req?.body);
  }

  @MessagePattern(PresaleBackfillRpc.withdraw)
  withdraw(@Payload() req: RpcRequest<BackfillWithdrawRequestV1>): Promise<BackfillWithdrawResultV1> {
    return this.lifecycle.withdraw(req?.principal, req?.body);
  }

  @MessagePattern(PresaleBackfillRpc.submit)
  submit(@Payload() req: RpcRequest<BackfillSubmitRequestV1>): Promise<BackfillSubmitResultV1> {
    return this.lifecycle.submit(req?.principal, req?.body);
  }

  @MessagePattern(PresaleBackfillRpc.correct)
  correct(@Payload() req: RpcRequest<PresaleCorrectionRequestV1>): Promise<PresaleCorrectionResultV1> {
    return this.correction.correct(req?.principal, req?.body);
  }
}
