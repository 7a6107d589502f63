import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { authorizeRecount } from '@hn/auth';
import {
  recountBucketsReply,
  recountOfBucketsReply,
  Rpc,
  RpcPayload,
  SourceRecountBucketsV1,
  SourceRecountV1,
} from '@hn/messages';
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

  /** Step 1 at any scale: the per-bucket fingerprints of the same recount (consistency-buckets.ts). */
  @RpcHandler(Rpc.presaleRecountBuckets)
  async buckets(@Payload() req: RpcPayload<typeof Rpc.presaleRecountBuckets>): Promise<SourceRecountBucketsV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return recountBucketsReply('presale', q, figures);
  }

  /** Step 2: the per-project counts of the requested buckets only. */
  @RpcHandler(Rpc.presaleRecountOfBuckets)
  async recountOfBuckets(@Payload() req: RpcPayload<typeof Rpc.presaleRecountOfBuckets>): Promise<SourceRecountV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return recountOfBucketsReply('presale', q, figures, req.body.buckets);
  }
}
