import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  EscrowCorrectionResultV1,
  EscrowPageV1,
  EscrowPutResultV1,
  EscrowRecordV1,
  EscrowSubmitResultV1,
  EscrowVersionsV1,
  EscrowWithdrawResultV1,
  Rpc,
  RpcPayload,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { EscrowQueryService } from './escrow-query.service';
import { EscrowCorrectionService } from './escrow-correction.service';
import { EscrowRecordsService } from './escrow-records.service';
import { EscrowSubmitService } from './escrow-submit.service';

/** NATS request/reply handlers of 补录预售资金监管信息 (staff only; queue group "escrow"). */
@Controller()
export class EscrowController {
  constructor(
    private readonly records: EscrowRecordsService,
    private readonly queries: EscrowQueryService,
    private readonly submission: EscrowSubmitService,
    private readonly corrections: EscrowCorrectionService,
  ) {}

  @RpcHandler(Rpc.escrowList)
  list(@Payload() req: RpcPayload<typeof Rpc.escrowList>): Promise<EscrowPageV1> {
    return this.queries.list(req.principal, req.body);
  }

  @RpcHandler(Rpc.escrowGet)
  get(@Payload() req: RpcPayload<typeof Rpc.escrowGet>): Promise<EscrowRecordV1> {
    return this.queries.get(req.principal, req.body);
  }

  @RpcHandler(Rpc.escrowVersions)
  versions(@Payload() req: RpcPayload<typeof Rpc.escrowVersions>): Promise<EscrowVersionsV1> {
    return this.queries.versions(req.principal, req.body);
  }

  @RpcHandler(Rpc.escrowPut)
  put(@Payload() req: RpcPayload<typeof Rpc.escrowPut>): Promise<EscrowPutResultV1> {
    return this.records.put(req.principal, req.body);
  }

  @RpcHandler(Rpc.escrowCommitmentLetter)
  commitmentLetter(@Payload() req: RpcPayload<typeof Rpc.escrowCommitmentLetter>): Promise<EscrowPutResultV1> {
    return this.records.commitmentLetter(req.principal, req.body);
  }

  @RpcHandler(Rpc.escrowWithdraw)
  withdraw(@Payload() req: RpcPayload<typeof Rpc.escrowWithdraw>): Promise<EscrowWithdrawResultV1> {
    return this.records.withdraw(req.principal, req.body);
  }

  @RpcHandler(Rpc.escrowSubmit)
  submit(@Payload() req: RpcPayload<typeof Rpc.escrowSubmit>): Promise<EscrowSubmitResultV1> {
    return this.submission.submit(req.principal, req.body);
  }

  @RpcHandler(Rpc.escrowCorrect)
  correct(@Payload() req: RpcPayload<typeof Rpc.escrowCorrect>): Promise<EscrowCorrectionResultV1> {
    return this.corrections.correct(req.principal, req.body);
  }
}
