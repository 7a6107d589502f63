import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PresalePermitV1 } from './presale-permit.message';
import { VERIFY_ANSWER_CODES, VERIFY_ANSWER_STATUSES, VerifyCodeV1, VerifyStatusV1 } from './verification';

/**
 * Messages owned by the presale service (预售许可). The replies are classes: the presale service
 * returns them and the gateway's OpenAPI document is generated from their decorators. The issued
 * permit and the issue answer are in presale-permit.message.ts (they reuse the submission's parts).
 */
export type { LogPositionV1, PresaleIssuedV1, PresalePermitV1 } from './presale-permit.message';

export interface PresaleSubmissionV1 {
  /** ordered, ≥ 1; the first forms the number */
  constructionPermitNumbers: string[];
  /** each must belong to one of those permits */
  unitCodes: string[];
  localCertificateNumber: string;
  issuingAuthority: string;
  /** YYYY-MM-DD */
  issueDate: string;
  developer: { name: string; creditCode: string };
  projectName: string;
  address: string;
  buildings: string[];
  /** m², two decimals */
  presaleArea: number;
  unitCount: number;
  plannedUse: string;
  /** optional; when present both fields are required */
  fundSupervision?: { bank: string; account: string } | null;
  /** WGS-84 inside Hunan's bounding box */
  location: { lat: number; lng: number };
}

export type PresaleStatus = 'VALID' | 'CORRECTED';

export interface PresaleIssueRequestV1 {
  idempotencyKey: string;
  submission: PresaleSubmissionV1;
}

/** Answer of rpc.presale.permit.qr.v1 and .print-layout.v1 (the gateway sends the file itself). */
export class BinaryFileV1 {
  @ApiProperty({ example: '430223202406200101-Y01.png' }) fileName!: string;
  @ApiProperty({ example: 'image/png' }) contentType!: string;
  @ApiProperty({ description: '文件内容的 base64 (base64 of the bytes)' }) contentBase64!: string;
}

export type PaperSizeV1 = 'A4' | 'A3' | 'A5' | 'B5' | 'LETTER';

/** What a citizen sees: no developer credit code, no escrow account. */
export class PublicPresaleSummaryV1 {
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  @ApiProperty({
    example: 'VALID',
    enum: ['VALID', 'CORRECTED'],
    description: '有效 / 已更正（显示最新信息）；未提交的草稿与已撤回的编号不公开',
  })
  status!: PresaleStatus;
  @ApiProperty({ example: false, description: '联调测试数据，非正式证书' }) sandbox!: boolean;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '攸县锦绣置业有限公司' }) developerName!: string;
  @ApiProperty({ example: '攸县联星街道锦绣大道 88 号' }) address!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '攸县住房和城乡建设局' }) issuingAuthority!: string;
  @ApiProperty({ example: '攸住建预字〔2024〕第015号' }) localCertificateNumber!: string;
  @ApiProperty({ example: '2024-08-15', format: 'date' }) issueDate!: string;
  @ApiProperty({ example: ['22#'], type: [String] }) buildings!: string[];
  @ApiProperty({ example: 12345.67 }) presaleArea!: number;
  @ApiProperty({ example: 120 }) unitCount!: number;
  @ApiProperty({ example: '住宅' }) plannedUse!: string;
  @ApiProperty({ example: ['430223202406200101'], type: [String] }) constructionPermitNumbers!: string[];
  @ApiProperty({ example: 0 }) logIndex!: number;
}

/** CORRECTED: where the current certificate verifies. */
export class VerifyCurrentV1 {
  @ApiProperty({ example: '430223202406200101-Z01' }) presaleNumber!: string;
  @ApiProperty({ example: 'HTTPS://PRESALE.HUNAN.GOV.CN/V/AEAUSP…', description: '最新证书的核验地址（二维码地址）' })
  verifyUrl!: string;
  @ApiProperty({ example: '/V/AEAUSP…', description: '同一核验地址的路径部分' }) verifyPath!: string;
}

/** Answer of /public/v1/verify and of /V/{token} as JSON; the outcomes are VERIFY_OUTCOMES. */
export class VerifyResultV1 {
  /** true only for a genuine current token (VALID, or TEST for a sandbox token) */
  @ApiProperty({
    example: true,
    description: '仅当令牌为最新版本、记录已生效时为 true（VALID；联调测试令牌 TEST 也为 true，但 test 为 true）',
  })
  valid!: boolean;
  /** coarse outcome: VALID, TEST, DRAFT, WITHDRAWN, CORRECTED, INVALID, NOT_FOUND (see VERIFY_OUTCOMES) */
  @ApiProperty({
    example: 'VALID',
    enum: VERIFY_ANSWER_STATUSES,
    description: '有效 / 联调测试 / 未提交的草稿 / 已撤回 / 已更正（附最新证书）/ 无效 / 无此记录',
  })
  status!: VerifyStatusV1;
  /** stable English code, e.g. DRAFT, WITHDRAWN, CORRECTED, BAD_SIGNATURE, UNKNOWN_KEY, MALFORMED */
  @ApiProperty({ example: 'VALID', enum: VERIFY_ANSWER_CODES, description: '稳定的英文代码 stable code' })
  code!: VerifyCodeV1;
  /** the code again when not valid (kept for clients of the first version) */
  @ApiPropertyOptional({
    example: 'DRAFT',
    enum: VERIFY_ANSWER_CODES,
    description: '未通过时同 code（兼容第一版客户端）',
  })
  reason?: VerifyCodeV1;
  /** plain Chinese sentence for people */
  @ApiProperty({
    example: '真实有效：本平台签发的预售许可证，签名核验通过',
    description:
      '给人看的中文说明；如「未提交的草稿，不是有效证书」「该预售许可证编号已撤回，不是有效证书」「二维码内容已被篡改或不是本平台签发」',
  })
  message!: string;
  /** the same in English, for integrators */
  @ApiProperty({
    example: 'Genuine: issued by this platform, the signature verifies',
    description: 'English, for integrators',
  })
  messageEn!: string;
  /** true for sandbox (联调测试) tokens: never a real permit */
  @ApiPropertyOptional({ example: false, description: '联调测试（沙箱）令牌，非正式证书' }) test?: boolean;
  /** the permit as on record (VALID, TEST, CORRECTED: the current version); never for drafts or withdrawn numbers */
  @ApiPropertyOptional({
    type: () => PublicPresaleSummaryV1,
    description: '平台登记的（最新）信息；草稿与已撤回的编号不返回',
  })
  permit?: PublicPresaleSummaryV1;
  /** CORRECTED: where the current certificate verifies */
  @ApiPropertyOptional({ type: () => VerifyCurrentV1, description: 'CORRECTED：最新证书的核验地址' })
  current?: VerifyCurrentV1;
}

export class InclusionProofV1 {
  @ApiProperty({ example: 0 }) leafIndex!: number;
  @ApiProperty({
    example: '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    description: 'SHA-256(0x00‖entry)，十六进制',
  })
  leafHash!: string;
  @ApiProperty({
    example: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7'],
    type: [String],
    description: '审计路径（RFC 9162 §2.1.3），十六进制',
  })
  auditPath!: string[];
  @ApiProperty({ example: 2 }) treeSize!: number;
  @ApiProperty({ example: 'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125' }) rootHash!: string;
}

export class ConsistencyProofV1 {
  @ApiProperty({
    example: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7'],
    type: [String],
    description: '一致性证明（RFC 9162 §2.1.4），十六进制',
  })
  proof!: string[];
  @ApiProperty({ example: 1 }) first!: number;
  @ApiProperty({ example: 2 }) second!: number;
  @ApiProperty({ example: '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d' }) firstRootHash!: string;
  @ApiProperty({ example: 'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125' }) secondRootHash!: string;
}

/** One Ed25519 public key (RFC 8037 JWK). */
export class JwkV1 {
  @ApiProperty({ example: 'OKP', enum: ['OKP'] }) kty!: 'OKP';
  @ApiProperty({ example: 'Ed25519', enum: ['Ed25519'] }) crv!: 'Ed25519';
  @ApiProperty({ example: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }) x!: string;
  @ApiProperty({ example: '3f2a9c01', description: '密钥标识：SHA-256(公钥)前 4 字节十六进制，即令牌中的 key id' })
  kid!: string;
  @ApiProperty({ example: 'sig', enum: ['sig'] }) use!: 'sig';
  @ApiProperty({ example: 'EdDSA', enum: ['EdDSA'] }) alg!: 'EdDSA';
}

export class JwksV1 {
  @ApiProperty({ type: () => [JwkV1], description: '历次使用过的全部公钥（轮换后旧钥仍保留，旧令牌仍可核验）' })
  keys!: JwkV1[];
}

/** Hunan's bounding box (WGS-84), generous by a few km: a presale permit's map point (落图选点) lies inside. */
export const HUNAN_BOUNDS = { minLat: 24.6, maxLat: 30.2, minLng: 108.7, maxLng: 114.3 } as const;

export const PresaleRpc = {
  issue: 'rpc.presale.permit.issue.v1',
  get: 'rpc.presale.permit.get.v1',
  qr: 'rpc.presale.permit.qr.v1',
  printLayout: 'rpc.presale.permit.print-layout.v1',
  health: 'rpc.presale.health.v1',
  // public (no principal; payload is the body itself)
  verify: 'rpc.presale.public.verify.v1',
  publicPermit: 'rpc.presale.public.permit.v1',
  checkpoint: 'rpc.presale.public.checkpoint.v1',
  inclusionProof: 'rpc.presale.public.inclusion-proof.v1',
  consistencyProof: 'rpc.presale.public.consistency-proof.v1',
  keys: 'rpc.presale.public.keys.v1',
  publicSearch: 'rpc.presale.public.search.v1',
} as const;

export const PresaleEvents = {
  stream: 'HN_PRESALE',
  streamSubjects: ['hn.presale.>'],
  permitIssued: 'hn.presale.permit.issued.v1',
} as const;

/** data of hn.presale.permit.issued.v1 (never published for sandbox records) */
export interface PresalePermitIssuedV1 {
  permit: PresalePermitV1;
}
