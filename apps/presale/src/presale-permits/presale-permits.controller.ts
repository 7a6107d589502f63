import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  BinaryFileV1,
  ConsistencyProofV1,
  InclusionProofV1,
  JwksV1,
  PresaleIssuedV1,
  PresalePermitV1,
  PublicPresaleSummaryV1,
  Rpc,
  RpcPayload,
  VerifyResultV1,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { PresaleIssuanceService } from '../issuance/presale-issuance.service';
import { SigningKeysService } from '../transparency-log/signing-keys.service';
import { TransparencyLogService } from '../transparency-log/transparency-log.service';
import { PresaleQueryService } from './presale-query.service';
import { PublicVerificationService } from './public-verification.service';

/** NATS request/reply handlers of the presale service (queue group "presale"). */
@Controller()
export class PresalePermitsController {
  constructor(
    private readonly issuance: PresaleIssuanceService,
    private readonly queries: PresaleQueryService,
    private readonly verification: PublicVerificationService,
    private readonly log: TransparencyLogService,
    private readonly keys: SigningKeysService,
  ) {}

  @RpcHandler(Rpc.presaleIssue)
  issue(@Payload() req: RpcPayload<typeof Rpc.presaleIssue>): Promise<PresaleIssuedV1> {
    return this.issuance.issue(req.principal, req.body);
  }

  @RpcHandler(Rpc.presaleGet)
  get(@Payload() req: RpcPayload<typeof Rpc.presaleGet>): Promise<PresalePermitV1> {
    return this.queries.get(req.principal, req.body.presaleNumber);
  }

  @RpcHandler(Rpc.presaleQr)
  qr(@Payload() req: RpcPayload<typeof Rpc.presaleQr>): Promise<BinaryFileV1> {
    return this.queries.qrCode(req.principal, req.body.presaleNumber, req.body.format);
  }

  @RpcHandler(Rpc.presalePrintLayout)
  printLayout(@Payload() req: RpcPayload<typeof Rpc.presalePrintLayout>): Promise<BinaryFileV1> {
    return this.queries.printOverlay(req.principal, req.body.presaleNumber, req.body.paper ?? 'A4');
  }

  @RpcHandler(Rpc.publicVerify)
  verify(@Payload() body: RpcPayload<typeof Rpc.publicVerify>): Promise<VerifyResultV1> {
    return this.verification.verify(body?.token);
  }

  @RpcHandler(Rpc.publicPermit)
  publicPermit(@Payload() body: RpcPayload<typeof Rpc.publicPermit>): Promise<PublicPresaleSummaryV1> {
    return this.verification.publicPermit(body?.presaleNumber);
  }

  @RpcHandler(Rpc.publicCheckpoint)
  async checkpoint(): Promise<{ note: string }> {
    return { note: await this.log.checkpoint() };
  }

  @RpcHandler(Rpc.publicInclusionProof)
  inclusionProof(@Payload() body: RpcPayload<typeof Rpc.publicInclusionProof>): Promise<InclusionProofV1> {
    return this.log.inclusionProof(Number(body?.index), Number(body?.treeSize));
  }

  @RpcHandler(Rpc.publicConsistencyProof)
  consistencyProof(@Payload() body: RpcPayload<typeof Rpc.publicConsistencyProof>): Promise<ConsistencyProofV1> {
    return this.log.consistencyProof(Number(body?.first), Number(body?.second));
  }

  @RpcHandler(Rpc.publicKeys)
  keysDocument(): Promise<JwksV1> {
    return this.keys.jwksDocument();
  }
}
