import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { authorizeRecount } from '@hn/auth';
import { Rpc, RpcPayload, SourceRecountV1 } from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { regionCodesCountedUnder } from '@hn/numbering';
import { ContractsRecountRepository } from './contracts-recount.repository';

/** 从源头纠正: the contracts service's own per-project counts for the statistics' consistency check. */
@Controller()
export class ContractsRecountController {
  constructor(private readonly repo: ContractsRecountRepository) {}

  @RpcHandler(Rpc.contractsRecount)
  async recount(@Payload() req: RpcPayload<typeof Rpc.contractsRecount>): Promise<SourceRecountV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return { source: 'contracts', regionCode: q.regionCode, asOf: q.asOf, figures };
  }
}
