import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  EscrowCommitmentLetterRequestV1,
  EscrowCorrectionRequestV1,
  EscrowCorrectionResultV1,
  EscrowGetRequestV1,
  EscrowListRequestV1,
  EscrowPageV1,
  EscrowPutRequestV1,
  EscrowPutResultV1,
  EscrowRecordV1,
  EscrowRpc,
  EscrowSubmitRequestV1,
  EscrowSubmitResultV1,
  EscrowVersionsV1,
  EscrowWithdrawRequestV1,
  EscrowWithdrawResultV1,
  RpcRequest,
} from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { RpcCorrelationInterceptor } from '@hn/observability';
import { EscrowQueryService } from './escrow-query.service';
import { EscrowRecordsService } from './escrow-records.service';

/** NATS request/reply handlers of 补录预售资金监管信息 (staff only; queue group "escrow"). */
@Controller()
@UseFilters(RpcProblemFilter)
@UseInterceptors(RpcCorrelationInterceptor)
export class EscrowController {
  constructor(
    private readonly records: EscrowRecordsService,
    private readonly queries: EscrowQueryService,
  ) {}

  @MessagePattern(EscrowRpc.list)
  list(@Payload() req: RpcRequest<EscrowListRequestV1>): Promise<EscrowPageV1> {
    return this.queries.list(req.principal, req.body);
  }

  @MessagePattern(EscrowRpc.get)
  get(@Payload() req: RpcRequest<EscrowGetRequestV1>): Promise<EscrowRecordV1> {
    return this.queries.get(req.principal, req.body);
  }

  @MessagePattern(EscrowRpc.versions)
  versions(@Payload() req: RpcRequest<EscrowGetRequestV1>): Promise<EscrowVersionsV1> {
    return this.queries.versions(req.principal, req.body);
  }

  @MessagePattern(EscrowRpc.put)
  put(@Payload() req: RpcRequest<EscrowPutRequestV1>): Promise<EscrowPutResultV1> {
    return this.records.put(req.principal, req.body);
  }

  @MessagePattern(EscrowRpc.commitmentLetter)
  commitmentLetter(@Payload() req: RpcRequest<EscrowCommitmentLetterRequestV1>): Promise<EscrowPutResultV1> {
    return this.records.commitmentLetter(req.principal, req.body);
  }

  @MessagePattern(EscrowRpc.withdraw)
  withdraw(@Payload() req: RpcRequest<EscrowWithdrawRequestV1>): Promise<EscrowWithdrawResultV1> {
    return this.records.withdraw(req.principal, req.body);
  }

  @MessagePattern(EscrowRpc.submit)
  submit(@Payload() req: RpcRequest<EscrowSubmitRequestV1>): Promise<EscrowSubmitResultV1> {
    return this.records.submit(req.principal, req.body);
  }

  @MessagePattern(EscrowRpc.correct)
  correct(@Payload() req: RpcRequest<EscrowCorrectionRequestV1>): Promise<EscrowCorrectionResultV1> {
    return this.records.correct(req.principal, req.body);
  }
}
