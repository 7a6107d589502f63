import { Injectable } from '@nestjs/common';
import {
  BinaryFileV1,
  ErrorCode,
  PaperSizeV1,
  PresaleIssuedV1,
  PresaleIssueRequestV1,
  PresalePermitV1,
  PresaleRpc,
  PresaleSubmissionV1,
  Principal,
  RpcRequest,
} from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { isInRegions } from '@hn/numbering';
import { ParsedPresaleNumber } from './presale-number.pipe';

/** A file answered by the presale service, decoded for the HTTP response. */
export interface DecodedFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export function decodeBinaryFile(file: BinaryFileV1, fallbackType: string, fallbackName: string): DecodedFile {
  const contentType = typeof file?.contentType === 'string' && /^[\w.+-]+\/[\w.+-]+(;[\w=\s.-]*)?$/.test(file.contentType) ? file.contentType : fallbackType;
  const fileName = typeof file?.fileName === 'string' && file.fileName.length > 0 ? file.fileName : fallbackName;
  return { fileName, contentType, content: Buffer.from(typeof file?.contentBase64 === 'string' ? file.contentBase64 : '', 'base64') };
}

/**
 * Gateway side of presale permits (预售许可取号): first region check here on the numbers of the
 * request, then the presale service (which checks again on its replica of the permits).
 */
@Injectable()
export class PresaleGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  issue(principal: Principal, idempotencyKey: string, submission: PresaleSubmissionV1, correlationId: string): Promise<PresaleIssuedV1> {
    submission.constructionPermitNumbers.forEach((permitNumber, index) => {
      const regionCode = permitNumber.slice(0, 6);
      if (!isInRegions(principal.regions, regionCode)) {
        throw new DomainException(
          403,
          ErrorCode.REGION_FORBIDDEN,
          `施工许可证 ${permitNumber} 属区划 ${regionCode}，不在本凭据的区划范围内，不能为其取号 (permit ${permitNumber} is outside the caller's regions)`,
          [{ field: `constructionPermitNumbers[${index}]`, reason: `${permitNumber}: 区划 ${regionCode} 不在授权范围 (region ${regionCode} not granted)` }],
        );
      }
    });
    const body: PresaleIssueRequestV1 = { idempotencyKey, submission };
    return this.call(PresaleRpc.issue, principal, body, correlationId);
  }

  get(principal: Principal, presale: ParsedPresaleNumber, correlationId: string): Promise<PresalePermitV1> {
    this.assertRegion(principal, presale);
    return this.call(PresaleRpc.get, principal, { presaleNumber: presale.value }, correlationId);
  }

  async qr(principal: Principal, presale: ParsedPresaleNumber, format: 'png' | 'svg', correlationId: string): Promise<DecodedFile> {
    this.assertRegion(principal, presale);
    const file = await this.call<BinaryFileV1>(PresaleRpc.qr, principal, { presaleNumber: presale.value, format }, correlationId);
    return decodeBinaryFile(file, format === 'png' ? 'image/png' : 'image/svg+xml', `${presale.value}-qr.${format}`);
  }

  async printLayout(principal: Principal, presale: ParsedPresaleNumber, paper: PaperSizeV1, correlationId: string): Promise<DecodedFile> {
    this.assertRegion(principal, presale);
    const file = await this.call<BinaryFileV1>(PresaleRpc.printLayout, principal, { presaleNumber: presale.value, paper }, correlationId);
    return decodeBinaryFile(file, 'application/pdf', `${presale.value}-print-${paper}.pdf`);
  }

  private assertRegion(principal: Principal, presale: ParsedPresaleNumber): void {
    if (!isInRegions(principal.regions, presale.regionCode)) {
      throw new DomainException(403, ErrorCode.REGION_FORBIDDEN, `预售许可证 ${presale.value} 属区划 ${presale.regionCode}，无权访问 (outside the caller's regions)`);
    }
  }

  private call<T>(subject: string, principal: Principal, body: unknown, correlationId: string): Promise<T> {
    const request: RpcRequest<unknown> = { principal, body };
    return this.rpc.request<T>(subject, request, correlationId);
  }
}
