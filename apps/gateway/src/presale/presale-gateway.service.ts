import { Injectable } from '@nestjs/common';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import {
  BinaryFileV1,
  PaperSizeV1,
  PresaleIssuedV1,
  PresalePermitV1,
  PresaleSubmissionV1,
  Principal,
  Rpc,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { ParsedPresaleNumber } from './presale-number.pipe';

/** A file answered by the presale service, decoded for the HTTP response. */
export interface DecodedFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export function decodeBinaryFile(file: BinaryFileV1, fallbackType: string, fallbackName: string): DecodedFile {
  const contentType =
    typeof file?.contentType === 'string' && /^[\w.+-]+\/[\w.+-]+(;[\w=\s.-]*)?$/.test(file.contentType)
      ? file.contentType
      : fallbackType;
  const fileName = typeof file?.fileName === 'string' && file.fileName.length > 0 ? file.fileName : fallbackName;
  return {
    fileName,
    contentType,
    content: Buffer.from(typeof file?.contentBase64 === 'string' ? file.contentBase64 : '', 'base64'),
  };
}

/**
 * Gateway side of presale permits (预售许可取号): first region check here on the numbers of the
 * request, then the presale service (which checks again on its replica of the permits).
 */
@Injectable()
export class PresaleGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  issue(
    principal: Principal,
    idempotencyKey: string,
    submission: PresaleSubmissionV1,
    correlationId: string,
  ): Promise<PresaleIssuedV1> {
    submission.constructionPermitNumbers.forEach((n, i) =>
      assertRegionAllowed(principal, regionOf(n), {
        what: `施工许可证 ${n}`,
        field: `constructionPermitNumbers[${i}]`,
      }),
    );
    return this.rpc.call(Rpc.presaleIssue, principal, { idempotencyKey, submission }, correlationId);
  }

  get(principal: Principal, presale: ParsedPresaleNumber, correlationId: string): Promise<PresalePermitV1> {
    this.assertRegion(principal, presale);
    return this.rpc.call(Rpc.presaleGet, principal, { presaleNumber: presale.value }, correlationId);
  }

  async qr(
    principal: Principal,
    presale: ParsedPresaleNumber,
    format: 'png' | 'svg',
    correlationId: string,
  ): Promise<DecodedFile> {
    this.assertRegion(principal, presale);
    const file = await this.rpc.call(Rpc.presaleQr, principal, { presaleNumber: presale.value, format }, correlationId);
    return decodeBinaryFile(file, format === 'png' ? 'image/png' : 'image/svg+xml', `${presale.value}-qr.${format}`);
  }

  async printLayout(
    principal: Principal,
    presale: ParsedPresaleNumber,
    paper: PaperSizeV1,
    correlationId: string,
  ): Promise<DecodedFile> {
    this.assertRegion(principal, presale);
    const file = await this.rpc.call(
      Rpc.presalePrintLayout,
      principal,
      { presaleNumber: presale.value, paper },
      correlationId,
    );
    return decodeBinaryFile(file, 'application/pdf', `${presale.value}-print-${paper}.pdf`);
  }

  private assertRegion(principal: Principal, presale: ParsedPresaleNumber): void {
    assertRegionAllowed(principal, presale.regionCode, { what: `预售许可证 ${presale.value}` });
  }
}
