import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ReconciliationAcknowledgeRequestV1,
  ReconciliationDifferencePageV1,
  ReconciliationDifferenceV1,
  ReconciliationListRequestV1,
  ReconciliationRpc,
  ReconciliationRunRequestV1,
  ReconciliationRunResultV1,
  RpcRequest,
} from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { RpcCorrelationInterceptor } from '@hn/observability';
import { ReconciliationQueryService } from './reconciliation-query.service';
import { ReconciliationService } from './reconciliation.service';

/** NATS request/reply handlers of 网签数据比对 (staff only; queue group "contracts"). */
@Controller()
@UseFilters(RpcProblemFilter)
@UseInterceptors(RpcCorrelationInterceptor)
export class ReconciliationController {
  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly queries: ReconciliationQueryService,
  ) {}

  @MessagePattern(ReconciliationRpc.run)
  run(@Payload() req: RpcRequest<ReconciliationRunRequestV1>): Promise<ReconciliationRunResultV1> {
    return this.reconciliation.runOnDemand(req.principal);
  }

  @MessagePattern(ReconciliationRpc.list)
  list(@Payload() req: RpcRequest<ReconciliationListRequestV1>): Promise<ReconciliationDifferencePageV1> {
    return this.queries.list(req.principal, req.body);
  }

  @MessagePattern(ReconciliationRpc.acknowledge)
  acknowledge(@Payload() req: RpcRequest<ReconciliationAcknowledgeRequestV1>): Promise<ReconciliationDifferenceV1> {
    return this.queries.acknowledge(req.principal, req.body);
  }
}
