import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BackfillCandidatePageV1,
  BackfillIssuedV1,
  BackfillPageV1,
  BackfillSubmitResultV1,
  BackfillWithdrawResultV1,
  PresaleCorrectionResultV1,
  Rpc,
  RpcPayload,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { BackfillCorrectionService } from './backfill-correction.service';
import { BackfillIssueService } from './backfill-issue.service';
import { BackfillLifecycleService } from './backfill-lifecycle.service';
import { BackfillQueryService } from './backfill-query.service';

/** NATS request/reply handlers of 补录预售许可证 (queue group "presale"); staff principals only. */
@Controller()
export class BackfillController {
  constructor(
    private readonly issuance: BackfillIssueService,
    private readonly lifecycle: BackfillLifecycleService,
    private readonly correction: BackfillCorrectionService,
    private readonly queries: BackfillQueryService,
  ) {}

  @RpcHandler(Rpc.backfillCandidates)
  candidates(@Payload() req: RpcPayload<typeof Rpc.backfillCandidates>): Promise<BackfillCandidatePageV1> {
    return this.queries.candidates(req?.principal, req?.body);
  }

  @RpcHandler(Rpc.backfillIssue)
  issue(@Payload() req: RpcPayload<typeof Rpc.backfillIssue>): Promise<BackfillIssuedV1> {
    return this.issuance.issue(req?.principal, req?.body);
  }

  @RpcHandler(Rpc.backfillList)
  list(@Payload() req: RpcPayload<typeof Rpc.backfillList>): Promise<BackfillPageV1> {
    return this.queries.list(req?.principal, req?.body);
  }

  @RpcHandler(Rpc.backfillWithdraw)
  withdraw(@Payload() req: RpcPayload<typeof Rpc.backfillWithdraw>): Promise<BackfillWithdrawResultV1> {
    return this.lifecycle.withdraw(req?.principal, req?.body);
  }

  @RpcHandler(Rpc.backfillSubmit)
  submit(@Payload() req: RpcPayload<typeof Rpc.backfillSubmit>): Promise<BackfillSubmitResultV1> {
    return this.lifecycle.submit(req?.principal, req?.body);
  }

  @RpcHandler(Rpc.backfillCorrect)
  correct(@Payload() req: RpcPayload<typeof Rpc.backfillCorrect>): Promise<PresaleCorrectionResultV1> {
    return this.correction.correct(req?.principal, req?.body);
  }
}
