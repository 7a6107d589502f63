import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  MarkingBatchRequestV1,
  MarkingBatchResultV1,
  MarkingCorrectionRequestV1,
  MarkingCorrectionResultV1,
  MarkingListRequestV1,
  MarkingPageV1,
  MarkingRpc,
  MarkingSubmitRequestV1,
  MarkingSubmitResultV1,
  MarkingWithdrawRequestV1,
  MarkingWithdrawResultV1,
  RpcRequest,
} from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { RpcCorrelationInterceptor } from '@hn/observability';
import { MarkingCorrectionService } from './marking-correction.service';
import { MarkingQueryService } from './marking-query.service';
import { MarkingStepsService } from './marking-steps.service';
import { MarkingSubmitService } from './marking-submit.service';

/** NATS request/reply handlers of 存量预售项目标记 (staff only; queue group "permits"). */
@Controller()
@UseFilters(RpcProblemFilter)
@UseInterceptors(RpcCorrelationInterceptor)
export class MarkingController {
  constructor(
    private readonly queries: MarkingQueryService,
    private readonly steps: MarkingStepsService,
    private readonly submits: MarkingSubmitService,
    private readonly corrections: MarkingCorrectionService,
  ) {}

  @MessagePattern(MarkingRpc.list)
  list(@Payload() req: RpcRequest<MarkingListRequestV1>): Promise<MarkingPageV1> {
    return this.queries.list(req.principal, req.body);
  }

  @MessagePattern(MarkingRpc.batch)
  batch(@Payload() req: RpcRequest<MarkingBatchRequestV1>): Promise<MarkingBatchResultV1> {
    return this.steps.batch(req.principal, req.body);
  }

  @MessagePattern(MarkingRpc.withdraw)
  withdraw(@Payload() req: RpcRequest<MarkingWithdrawRequestV1>): Promise<MarkingWithdrawResultV1> {
    return this.steps.withdraw(req.principal, req.body);
  }

  @MessagePattern(MarkingRpc.submit)
  submit(@Payload() req: RpcRequest<MarkingSubmitRequestV1>): Promise<MarkingSubmitResultV1> {
    return this.submits.submit(req.principal, req.body);
  }

  @MessagePattern(MarkingRpc.correct)
  correct(@Payload() req: RpcRequest<MarkingCorrectionRequestV1>): Promise<MarkingCorrectionResultV1> {
    return this.corrections.correct(req.principal, req.body);
  }
}
