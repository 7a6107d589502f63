import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ContractFilingIssuedV1, ContractFilingV1, Rpc, RpcPayload } from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { ContractFilingIssuanceService } from '../filing/contract-filing-issuance.service';
import { ContractFilingCancellationService } from './contract-filing-cancellation.service';
import { ContractFilingQueryService } from './contract-filing-query.service';

/** NATS request/reply handlers of the contracts service (queue group "contracts"). */
@Controller()
export class ContractFilingsController {
  constructor(
    private readonly issuance: ContractFilingIssuanceService,
    private readonly queries: ContractFilingQueryService,
    private readonly cancellation: ContractFilingCancellationService,
  ) {}

  @RpcHandler(Rpc.contractFilingIssue)
  issue(@Payload() req: RpcPayload<typeof Rpc.contractFilingIssue>): Promise<ContractFilingIssuedV1> {
    return this.issuance.issue(req.principal, req.body);
  }

  @RpcHandler(Rpc.contractFilingGet)
  get(@Payload() req: RpcPayload<typeof Rpc.contractFilingGet>): Promise<ContractFilingV1> {
    return this.queries.get(req.principal, req.body.contractNumber);
  }

  @RpcHandler(Rpc.contractFilingCancel)
  cancel(@Payload() req: RpcPayload<typeof Rpc.contractFilingCancel>): Promise<ContractFilingV1> {
    return this.cancellation.cancel(req.principal, req.body);
  }
}
