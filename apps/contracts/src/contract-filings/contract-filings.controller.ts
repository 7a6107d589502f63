import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ContractFilingCancelRequestV1,
  ContractFilingGetRequestV1,
  ContractFilingIssuedV1,
  ContractFilingIssueRequestV1,
  ContractFilingV1,
  ContractsRpc,
  RpcRequest,
} from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { RpcCorrelationInterceptor } from '@hn/observability';
import { ContractFilingIssuanceService } from '../filing/contract-filing-issuance.service';
import { ContractFilingCancellationService } from './contract-filing-cancellation.service';
import { ContractFilingQueryService } from './contract-filing-query.service';

/** NATS request/reply handlers of the contracts service (queue group "contracts"). */
@Controller()
@UseFilters(RpcProblemFilter)
@UseInterceptors(RpcCorrelationInterceptor)
export class ContractFilingsController {
  constructor(
    private readonly issuance: ContractFilingIssuanceService,
    private readonly queries: ContractFilingQueryService,
    private readonly cancellation: ContractFilingCancellationService,
  ) {}

  @MessagePattern(ContractsRpc.filingIssue)
  issue(@Payload() req: RpcRequest<ContractFilingIssueRequestV1>): Promise<ContractFilingIssuedV1> {
    return this.issuance.issue(req.principal, req.body);
  }

  @MessagePattern(ContractsRpc.filingGet)
  get(@Payload() req: RpcRequest<ContractFilingGetRequestV1>): Promise<ContractFilingV1> {
    return this.queries.get(req.principal, req.body?.contractNumber);
  }

  @MessagePattern(ContractsRpc.filingCancel)
  cancel(@Payload() req: RpcRequest<ContractFilingCancelRequestV1>): Promise<ContractFilingV1> {
    return this.cancellation.cancel(req.principal, req.body);
  }
}
