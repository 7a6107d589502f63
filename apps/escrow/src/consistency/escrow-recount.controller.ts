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

  /** Step 1 at any scale: the per-bucket fingerprints of the same recount (consistency-buckets.ts). */
  @RpcHandler(Rpc.escrowRecountBuckets)
  async buckets(@Payload() req: RpcPayload<typeof Rpc.escrowRecountBuckets>): Promise<SourceRecountBucketsV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return recountBucketsReply('escrow', q, figures);
  }

  /** Step 2: the per-project counts of the requested buckets only. */
  @RpcHandler(Rpc.escrowRecountOfBuckets)
  async recountOfBuckets(@Payload() req: RpcPayload<typeof Rpc.escrowRecountOfBuckets>): Promise<SourceRecountV1> {
    const q = await authorizeRecount(req.principal, req.body);
    const figures = await this.repo.recount(regionCodesCountedUnder(q.regionCode), q.asOf);
    return recountOfBucketsReply('escrow', q, figures, req.body.buckets);
  }
}
