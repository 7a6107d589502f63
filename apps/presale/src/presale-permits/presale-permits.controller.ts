import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BinaryFileV1,
  ConsistencyProofV1,
  InclusionProofV1,
  JwksV1,
  PaperSizeV1,
  PresaleIssuedV1,
  PresaleIssueRequestV1,
  PresalePermitV1,
  PresaleRpc,
  PublicPresaleSummaryV1,
  RpcRequest,
  VerifyResultV1,
} from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { RpcCorrelationInterceptor } from '@hn/observability';
import { PresaleIssuanceService } from '../issuance/presale-issuance.service';
import { SigningKeysService } from '../transparency-log/signing-keys.service';
import { TransparencyLogService } from '../transparency-log/transparency-log.service';
import { PresaleQueryService } from './presale-query.service';
import { PublicVerificationService } from './public-verification.service';

/** NATS request/reply handlers of the presale service (queue group "presale"). */
@Controller()
@UseFilters(RpcProblemFilter)
@UseInterceptors(RpcCorrelationInterceptor)
export class PresalePermitsController {
  constructor(
    private readonly issuance: PresaleIssuanceService,
    private readonly queries: PresaleQueryService,
    private readonly verification: PublicVerificationService,
    private readonly log: TransparencyLogService,
    private readonly keys: SigningKeysService,
  ) {}

  @MessagePattern(PresaleRpc.issue)
  issue(@Payload() req: RpcRequest<PresaleIssueRequestV1>): Promise<PresaleIssuedV1> {
    return this.issuance.issue(req.principal, req.body);
  }

  @MessagePattern(PresaleRpc.get)
  get(@Payload() req: RpcRequest<{ presaleNumber: string }>): Promise<PresalePermitV1> {
    return this.queries.get(req.principal, req.body.presaleNumber);
  }

  @MessagePattern(PresaleRpc.qr)
  qr(@Payload() req: RpcRequest<{ presaleNumber: string; format: 'png' | 'svg' }>): Promise<BinaryFileV1> {
    return this.queries.qrCode(req.principal, req.body.presaleNumber, req.body.format === 'svg' ? 'svg' : 'png');
  }

  @MessagePattern(PresaleRpc.printLayout)
  printLayout(@Payload() req: RpcRequest<{ presaleNumber: string; paper?: PaperSizeV1 }>): Promise<BinaryFileV1> {
    return this.queries.printOverlay(req.principal, req.body.presaleNumber, req.body.paper ?? 'A4');
  }

  @MessagePattern(PresaleRpc.verify)
  verify(@Payload() body: { token: string }): Promise<VerifyResultV1> {
    return this.verification.verify(body?.token);
  }

  @MessagePattern(PresaleRpc.publicPermit)
  publicPermit(@Payload() body: { presaleNumber: string }): Promise<PublicPresaleSummaryV1> {
    return this.verification.publicPermit(body?.presaleNumber);
  }

  @MessagePattern(PresaleRpc.checkpoint)
  async checkpoint(): Promise<{ note: string }> {
    return { note: await this.log.checkpoint() };
  }

  @MessagePattern(PresaleRpc.inclusionProof)
  inclusionProof(@Payload() body: { index: number; treeSize: number }): Promise<InclusionProofV1> {
    return this.log.inclusionProof(Number(body?.index), Number(body?.treeSize));
  }

  @MessagePattern(PresaleRpc.consistencyProof)
  consistencyProof(@Payload() body: { first: number; second: number }): Promise<ConsistencyProofV1> {
    return this.log.consistencyProof(Number(body?.first), Number(body?.second));
  }

  @MessagePattern(PresaleRpc.keys)
  keysDocument(): Promise<JwksV1> {
    return this.keys.jwksDocument();
  }
}
