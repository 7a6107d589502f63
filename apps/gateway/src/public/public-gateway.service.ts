import { Injectable } from '@nestjs/common';
import {
  ConsistencyProofV1,
  ErrorCode,
  InclusionProofV1,
  JwksV1,
  PublicPresaleSearchPageV1,
  PublicPresaleSearchRequestV1,
  PublicPresaleSummaryV1,
  Rpc,
  VerifyResultV1,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { normalizeChainTokenText } from '@hn/chain';

/**
 * Gateway side of the public verification routes (公众查询, no login). Public RPC payloads are the
 * body itself: there is no principal, and the presale service only ever answers public data.
 */
@Injectable()
export class PublicGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  /** Either text form of a token (base64url from the API, upper-case base32 from the QR URL). */
  verify(token: string, correlationId: string): Promise<VerifyResultV1> {
    return this.rpc.callPublic(Rpc.publicVerify, { token: normalizeChainTokenText(token) ?? token }, correlationId);
  }

  permit(presaleNumber: string, correlationId: string): Promise<PublicPresaleSummaryV1> {
    return this.rpc.callPublic(Rpc.publicPermit, { presaleNumber }, correlationId);
  }

  search(query: PublicPresaleSearchRequestV1, correlationId: string): Promise<PublicPresaleSearchPageV1> {
    return this.rpc.callPublic(Rpc.publicSearch, query, correlationId);
  }

  async checkpoint(correlationId: string): Promise<string> {
    const reply: { note?: unknown } = await this.rpc.callPublic(Rpc.publicCheckpoint, {}, correlationId);
    if (typeof reply?.note !== 'string' || reply.note.length === 0) {
      throw new DomainException(500, ErrorCode.INTERNAL, '检查点暂不可用 (the log service returned no checkpoint)');
    }
    return reply.note;
  }

  inclusionProof(index: number, treeSize: number, correlationId: string): Promise<InclusionProofV1> {
    return this.rpc.callPublic(Rpc.publicInclusionProof, { index, treeSize }, correlationId);
  }

  consistencyProof(first: number, second: number, correlationId: string): Promise<ConsistencyProofV1> {
    return this.rpc.callPublic(Rpc.publicConsistencyProof, { first, second }, correlationId);
  }

  keys(correlationId: string): Promise<JwksV1> {
    return this.rpc.callPublic(Rpc.publicKeys, {}, correlationId);
  }
}
