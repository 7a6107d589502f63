import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  MarkingBatchResultV1,
  MarkingCorrectionResultV1,
  MarkingPageV1,
  MarkingSubmitResultV1,
  MarkingWithdrawResultV1,
  Rpc,
  RpcPayload,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { MarkingCorrectionService } from './marking-correction.service';
import { MarkingQueryService } from './marking-query.service';
import { MarkingStepsService } from './marking-steps.service';
import { MarkingSubmitService } from './marking-submit.service';

/** NATS request/reply handlers of 存量预售项目标记 (staff only; queue group "permits"). */
@Controller()
export class MarkingController {
  constructor(
    private readonly queries: MarkingQueryService,
    private readonly steps: MarkingStepsService,
    private readonly submits: MarkingSubmitService,
    private readonly corrections: MarkingCorrectionService,
  ) {}

  @RpcHandler(Rpc.markingList)
  list(@Payload() req: RpcPayload<typeof Rpc.markingList>): Promise<MarkingPageV1> {
    return this.queries.list(req.principal, req.body);
  }

  @RpcHandler(Rpc.markingBatch)
  batch(@Payload() req: RpcPayload<typeof Rpc.markingBatch>): Promise<MarkingBatchResultV1> {
    return this.steps.batch(req.principal, req.body);
  }

  @RpcHandler(Rpc.markingWithdraw)
  withdraw(@Payload() req: RpcPayload<typeof Rpc.markingWithdraw>): Promise<MarkingWithdrawResultV1> {
    return this.steps.withdraw(req.principal, req.body);
  }

  @RpcHandler(Rpc.markingSubmit)
  submit(@Payload() req: RpcPayload<typeof Rpc.markingSubmit>): Promise<MarkingSubmitResultV1> {
    return this.submits.submit(req.principal, req.body);
  }

  @RpcHandler(Rpc.markingCorrect)
  correct(@Payload() req: RpcPayload<typeof Rpc.markingCorrect>): Promise<MarkingCorrectionResultV1> {
    return this.corrections.correct(req.principal, req.body);
  }
}
