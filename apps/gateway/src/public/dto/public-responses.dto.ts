import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What a citizen sees: no developer credit code, no escrow account. */
export class PublicPresaleSummaryDto {
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  @ApiProperty({
    example: 'VALID',
    enum: ['VALID', 'CORRECTED'],
    description: '有效 / 已更正（显示最新信息）；未提交的草稿与已撤回的编号不公开',
  })
  status!: string;
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

export class VerifyCurrentDto {
  @ApiProperty({ example: '430223202406200101-Z01' }) presaleNumber!: string;
  @ApiProperty({ example: 'HTTPS://PRESALE.HUNAN.GOV.CN/V/AEAUSP…', description: '最新证书的核验地址（二维码地址）' })
  verifyUrl!: string;
  @ApiProperty({ example: '/V/AEAUSP…', description: '同一核验地址的路径部分' }) verifyPath!: string;
}

export class VerifyResultDto {
  @ApiProperty({
    example: true,
    description: '仅当令牌为最新版本、记录已生效时为 true（VALID；联调测试令牌 TEST 也为 true，但 test 为 true）',
  })
  valid!: boolean;
  @ApiProperty({
    example: 'VALID',
    enum: ['VALID', 'TEST', 'DRAFT', 'WITHDRAWN', 'CORRECTED', 'INVALID', 'NOT_FOUND'],
    description: '有效 / 联调测试 / 未提交的草稿 / 已撤回 / 已更正（附最新证书）/ 无效 / 无此记录',
  })
  status!: string;
  @ApiProperty({
    example: 'VALID',
    enum: [
      'VALID',
      'TEST_DATA',
      'DRAFT',
      'WITHDRAWN',
      'CORRECTED',
      'BAD_SIGNATURE',
      'UNKNOWN_KEY',
      'MALFORMED',
      'TRUNCATED',
      'UNSUPPORTED_VERSION',
      'UNKNOWN_PERMIT',
      'RECORD_MISMATCH',
    ],
    description: '稳定的英文代码 stable code',
  })
  code!: string;
  @ApiPropertyOptional({ example: 'DRAFT', description: '未通过时同 code（兼容第一版客户端）' }) reason?: string;
  @ApiProperty({
    example: '真实有效：本平台签发的预售许可证，签名核验通过',
    description:
      '给人看的中文说明；如「未提交的草稿，不是有效证书」「该预售许可证编号已撤回，不是有效证书」「二维码内容已被篡改或不是本平台签发」',
  })
  message!: string;
  @ApiProperty({
    example: 'Genuine: issued by this platform, the signature verifies',
    description: 'English, for integrators',
  })
  messageEn!: string;
  @ApiPropertyOptional({ example: false, description: '联调测试（沙箱）令牌，非正式证书' }) test?: boolean;
  @ApiPropertyOptional({
    type: PublicPresaleSummaryDto,
    description: '平台登记的（最新）信息；草稿与已撤回的编号不返回',
  })
  permit?: PublicPresaleSummaryDto;
  @ApiPropertyOptional({ type: VerifyCurrentDto, description: 'CORRECTED：最新证书的核验地址' })
  current?: VerifyCurrentDto;
}

export class InclusionProofDto {
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

export class ConsistencyProofDto {
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

export class JwkDto {
  @ApiProperty({ example: 'OKP' }) kty!: string;
  @ApiProperty({ example: 'Ed25519' }) crv!: string;
  @ApiProperty({ example: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }) x!: string;
  @ApiProperty({ example: '3f2a9c01', description: '密钥标识：SHA-256(公钥)前 4 字节十六进制，即令牌中的 key id' })
  kid!: string;
  @ApiProperty({ example: 'sig' }) use!: string;
  @ApiProperty({ example: 'EdDSA' }) alg!: string;
}

export class JwksDto {
  @ApiProperty({ type: [JwkDto], description: '历次使用过的全部公钥（轮换后旧钥仍保留，旧令牌仍可核验）' })
  keys!: JwkDto[];
}
