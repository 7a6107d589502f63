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
import { PermitsRecountRepository } from './permits-recount.repository';

/** 从源头纠正: the permits service's own per-project counts for the statistics' consistency check. */
@Controller()
export class PermitsRecountController {
  constructor(private readonly repo: PermitsRecountRepository) {}

  @RpcHandler(Rpc.permitsRecount)
  async recount(@Payload() req: RpcPayload<typeof Rpc.permitsRecount>): Promise<SourceRecountV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return { source: 'permits', regionCode: q.regionCode, asOf: q.asOf, figures };
  }

  /** Step 1 at any scale: the per-bucket fingerprints of the same recount (consistency-buckets.ts). */
  @RpcHandler(Rpc.permitsRecountBuckets)
  async buckets(@Payload() req: RpcPayload<typeof Rpc.permitsRecountBuckets>): Promise<SourceRecountBucketsV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return recountBucketsReply('permits', q, figures);
  }

  /** Step 2: the per-project counts of the requested buckets only. */
  @RpcHandler(Rpc.permitsRecountOfBuckets)
  async recountOfBuckets(@Payload() req: RpcPayload<typeof Rpc.permitsRecountOfBuckets>): Promise<SourceRecountV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return recountOfBucketsReply('permits', q, figures, req.body.buckets);
  }
}
