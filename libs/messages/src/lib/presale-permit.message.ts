import { ApiProperty } from '@nestjs/swagger';
import type { PresaleStatus, PresaleSubmissionV1 } from './presale';
import { Developer, FundSupervision, Location } from './presale-submission.message';

/**
 * The presale service's answers about an issued permit (rpc.presale.permit.get.v1 and .issue.v1) as
 * classes: the service returns them, the gateway's OpenAPI document is generated from their
 * decorators. They live beside the submission classes, not in presale.ts, because they reuse
 * Developer / FundSupervision / Location and presale-submission.message.ts already reads presale.ts
 * (HUNAN_BOUNDS); presale.ts re-exports their types.
 */

export const CHAIN_TOKEN_EXAMPLE =
  'AQAsvkgEBfh1uSGNcyVZAU3uBwcHBwcHBwcHBwcHBwcHBwAAAADF3yQXHDWtB7mF5tXpqCudo0yhEOJUblHhubICFmWObqtLdY7KI53ZhBj5prrosOZn3DRRTHhfvIGH9-cqGiIC';
export const VERIFY_URL_EXAMPLE =
  'HTTPS://PRESALE.HUNAN.GOV.CN/V/AEACZPSIAQC7Q5NZEGGXGJKZAFG64BYHA4DQOBYHA4DQOBYHA4DQOBYAAAAABRO7EQLRYNNNA64YLZWV5GUCXHNDJSQRBYSUNZI6DONSAILGLDTOVNFXLDWKEOO5TBAY7GTLV2FQ4ZT5YNCRJR4F7PEBQ736OKQ2EIBA';

/** Answer of GET /api/v1/presale-permits/{presaleNumber}: the issued record. */
export class PresalePermitV1 implements Omit<PresaleSubmissionV1, 'fundSupervision'> {
  @ApiProperty({ example: '430223202406200101-Y01', description: '统一预售许可证号' }) presaleNumber!: string;
  @ApiProperty({ example: 'Y', enum: ['Y', 'Z'], description: 'Y 接口取号；Z 存量补录' }) letter!: 'Y' | 'Z';
  @ApiProperty({ example: 1, minimum: 1, maximum: 99 }) serial!: number;
  /** 联调测试 sandbox record: never a real permit */
  @ApiProperty({ example: false, description: '联调测试（沙箱）记录，非正式证书' }) sandbox!: boolean;
  @ApiProperty({ example: '2024-430223-70-03-012345', description: '工改项目编码' }) projectCode!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: ['430223202406200101'], type: [String] }) constructionPermitNumbers!: string[];
  @ApiProperty({ example: ['2024-430223-70-03-012345-DT022'], type: [String] }) unitCodes!: string[];
  @ApiProperty({ example: '攸住建预字〔2024〕第015号' }) localCertificateNumber!: string;
  @ApiProperty({ example: '攸县住房和城乡建设局' }) issuingAuthority!: string;
  @ApiProperty({ example: '2024-08-15', format: 'date' }) issueDate!: string;
  @ApiProperty({ type: () => Developer }) developer!: Developer;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '攸县联星街道锦绣大道 88 号' }) address!: string;
  @ApiProperty({ example: ['22#'], type: [String] }) buildings!: string[];
  /** m², two decimals */
  @ApiProperty({ example: 12345.67 }) presaleArea!: number;
  @ApiProperty({ example: 120 }) unitCount!: number;
  @ApiProperty({ example: '住宅' }) plannedUse!: string;
  @ApiProperty({ type: () => FundSupervision, nullable: true }) fundSupervision!: FundSupervision | null;
  /** WGS-84 inside Hunan's bounding box */
  @ApiProperty({ type: () => Location }) location!: Location;
  @ApiProperty({ example: CHAIN_TOKEN_EXAMPLE, description: '链令牌（Ed25519 签名，base64url，102 字节）chain token' })
  chainToken!: string;
  @ApiProperty({ example: VERIFY_URL_EXAMPLE, description: '二维码内容：公众核验地址（大写，便于 QR 字母数字模式）' })
  verifyUrl!: string;
  @ApiProperty({ example: 0, description: '在透明日志中的序号 index in the transparency log' }) logIndex!: number;
  @ApiProperty({ example: 'VALID', enum: ['VALID', 'CORRECTED'] }) status!: PresaleStatus;
  /** RFC 3339 UTC */
  @ApiProperty({ example: '2024-08-15T02:30:00.000Z', format: 'date-time' }) issuedAt!: string;
}

/** Where an issued permit sits in the transparency log. */
export class LogPositionV1 {
  @ApiProperty({ example: 0, description: '日志序号 leaf index' }) index!: number;
  @ApiProperty({ example: 1, description: '含该条目的树大小 tree size that includes it' }) treeSize!: number;
}

/** Answer of POST /api/v1/presale-permits (201, also for an idempotent replay). */
export class PresaleIssuedV1 {
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  @ApiProperty({ example: CHAIN_TOKEN_EXAMPLE, description: '链令牌（加密区块链字符串）chain token, base64url' })
  chainToken!: string;
  @ApiProperty({ example: VERIFY_URL_EXAMPLE, description: '二维码中的核验地址 verification URL held by the QR' })
  verifyUrl!: string;
  @ApiProperty({
    example: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 57 57">…</svg>',
    description: '二维码 SVG（打印于证书左下角 25×25 mm）',
  })
  qrSvg!: string;
  @ApiProperty({ type: () => LogPositionV1 }) log!: LogPositionV1;
  @ApiProperty({ example: false, description: '联调测试（沙箱）取号，非正式证书' }) sandbox!: boolean;
  @ApiProperty({ type: () => PresalePermitV1 }) permit!: PresalePermitV1;
}
