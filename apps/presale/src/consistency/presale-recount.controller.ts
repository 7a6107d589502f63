import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { authorizeRecount } from '@hn/auth';
import { Rpc, RpcPayload, SourceRecountV1 } from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { regionCodesCountedUnder } from '@hn/numbering';
import { PresaleRecountRepository } from './presale-recount.repository';

/** 从源头纠正: the presale service's own per-project counts for the statistics' consistency check. */
@Controller()
export class PresaleRecountController {
  constructor(private readonly repo: PresaleRecountRepository) {}

  @RpcHandler(Rpc.presaleRecount)
  async recount(@Payload() req: RpcPayload<typeof Rpc.presaleRecount>): Promise<SourceRecountV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return { source: 'presale', regionCode: q.regionCode, asOf: q.asOf, figures };
  }
}
