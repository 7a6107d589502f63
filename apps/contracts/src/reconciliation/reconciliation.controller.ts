import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  ReconciliationDifferencePageV1,
  ReconciliationDifferenceV1,
  ReconciliationRunResultV1,
  Rpc,
  RpcPayload,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { ReconciliationQueryService } from './reconciliation-query.service';
import { ReconciliationService } from './reconciliation.service';

/** NATS request/reply handlers of 网签数据比对 (staff only; queue group "contracts"). */
@Controller()
export class ReconciliationController {
  constructor(
    private readonly reconciliation: ReconciliationService,
    private readonly queries: ReconciliationQueryService,
  ) {}

  @RpcHandler(Rpc.reconciliationRun)
  run(@Payload() req: RpcPayload<typeof Rpc.reconciliationRun>): Promise<ReconciliationRunResultV1> {
    return this.reconciliation.runOnDemand(req.principal);
  }

  @RpcHandler(Rpc.reconciliationList)
  list(@Payload() req: RpcPayload<typeof Rpc.reconciliationList>): Promise<ReconciliationDifferencePageV1> {
    return this.queries.list(req.principal, req.body);
  }

  @RpcHandler(Rpc.reconciliationAcknowledge)
  acknowledge(@Payload() req: RpcPayload<typeof Rpc.reconciliationAcknowledge>): Promise<ReconciliationDifferenceV1> {
    return this.queries.acknowledge(req.principal, req.body);
  }
}
