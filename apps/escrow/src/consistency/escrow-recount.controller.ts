import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { authorizeRecount } from '@hn/auth';
import { Rpc, RpcPayload, SourceRecountV1 } from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { regionCodesCountedUnder } from '@hn/numbering';
import { EscrowRecountRepository } from './escrow-recount.repository';

/** 从源头纠正: the escrow service's own per-project counts for the statistics' consistency check. */
@Controller()
export class EscrowRecountController {
  constructor(private readonly repo: EscrowRecountRepository) {}

  @RpcHandler(Rpc.escrowRecount)
  async recount(@Payload() req: RpcPayload<typeof Rpc.escrowRecount>): Promise<SourceRecountV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return { source: 'escrow', regionCode: q.regionCode, asOf: q.asOf, figures };
  }
}
