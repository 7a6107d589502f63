/**
 * 预售许可证统一查询 (work plan task 7(3)): the public search by unified presale number, local
 * certificate number (本地证书编号) or project name. The gateway validates the query string with the
 * class, the presale service validates the RPC payload with it again (validateMessage). The reply
 * holds public fields only: no credit code, no escrow account, no map point, nothing of a person.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsString, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { parsePresaleNumber } from '@hn/numbering';
import { IsPlainText } from './plain-text';
import { REQUIRED_MESSAGE as REQUIRED } from './validation/submission-constraints';

export const PUBLIC_SEARCH_KINDS = ['presaleNumber', 'localCertificateNumber', 'projectName'] as const;
export type PublicSearchKindV1 = (typeof PUBLIC_SEARCH_KINDS)[number];
/** A project-name (or certificate) term has at least this many characters: one character matches half the province. */
export const PUBLIC_SEARCH_TERM_MIN = 2;
export const PUBLIC_SEARCH_TERM_MAX = 50;
export const PUBLIC_SEARCH_PAGE_MAX = 100;
export const PUBLIC_SEARCH_PAGE_SIZE_MAX = 50;
/** Totals are counted up to this many; beyond it `totalIsLowerBound` is true. */
export const PUBLIC_SEARCH_COUNT_CAP = 1000;

const KIND_NAMES: Record<PublicSearchKindV1, string> = {
  presaleNumber: '统一编号',
  localCertificateNumber: '本地证书编号',
  projectName: '项目名称',
};

/** Unicode NFKC (full-width digits and letters typed on a phone become ASCII) and trimmed; a unified number upper-cased. */
function normalizeTerm({ value, obj }: { value: unknown; obj: Record<string, unknown> }): unknown {
  if (typeof value !== 'string') return value;
  const text = value.normalize('NFKC').trim();
  return obj['by'] === 'presaleNumber' ? text.toUpperCase() : text;
}

/** Why `q` is not a term of the chosen kind, or null (an unknown `by` is reported on `by` itself). */
export function publicSearchTermReason(by: unknown, q: string): string | null {
  if (by === 'presaleNumber')
    return parsePresaleNumber(q)
      ? null
      : '统一编号须形如 430223202406200101-Y01：18 位施工许可证编号、连字符、Y 或 Z 与两位序号 (unified presale number like 430223202406200101-Y01)';
  if (by === 'localCertificateNumber' || by === 'projectName')
    return [...q].length >= PUBLIC_SEARCH_TERM_MIN
      ? null
      : `${KIND_NAMES[by]}至少输入 ${PUBLIC_SEARCH_TERM_MIN} 个字 (at least ${PUBLIC_SEARCH_TERM_MIN} characters)`;
  return null;
}

/** The detail of the 400 VALIDATION_FAILED for a bad search, the same at the gateway and in the presale service. */
export function publicSearchProblemDetail(errors: ReadonlyArray<{ reason: string }>): string {
  return `查询条件无效：${errors.map((e) => e.reason).join('；')} (invalid search)`;
}

const positiveInt =
  (fallback: number) =>
  ({ value }: { value: unknown }) =>
    value === undefined || value === '' ? fallback : Number(value);

/** Query of GET /public/v1/presale-permits (rpc.presale.public.search.v1). */
export class PublicPresaleSearchQuery {
  @ApiProperty({
    enum: PUBLIC_SEARCH_KINDS,
    example: 'projectName',
    description:
      '查询方式：presaleNumber 统一编号（精确）、localCertificateNumber 本地证书编号（精确，忽略全角/半角与空格差异）、projectName 项目名称（包含，至少 2 个字）',
  })
  @IsDefined(REQUIRED)
  @IsIn(PUBLIC_SEARCH_KINDS, {
    message: `须为 ${PUBLIC_SEARCH_KINDS.join(' / ')} 之一 (one of ${PUBLIC_SEARCH_KINDS.join(', ')})`,
  })
  by!: PublicSearchKindV1;

  @ApiProperty({
    example: '锦绣',
    maxLength: PUBLIC_SEARCH_TERM_MAX,
    description:
      '查询内容：统一编号如 430223202406200101-Y01；本地证书编号如 攸住建预字〔2024〕第015号；项目名称的一部分（至少 2 个字）',
  })
  @Transform(normalizeTerm)
  @IsDefined(REQUIRED)
  @IsString({ message: '须为字符串 (must be a string)' })
  @MaxLength(PUBLIC_SEARCH_TERM_MAX, {
    message: `最长 ${PUBLIC_SEARCH_TERM_MAX} 个字 (at most ${PUBLIC_SEARCH_TERM_MAX} characters)`,
  })
  @IsPlainText()
  @ValidateBy({
    name: 'publicSearchTerm',
    validator: {
      validate: (value: unknown, args): boolean =>
        typeof value === 'string' && publicSearchTermReason((args?.object as { by?: unknown }).by, value) === null,
      defaultMessage: (args): string =>
        publicSearchTermReason((args?.object as { by?: unknown }).by, String(args?.value ?? '')) ?? '查询内容无效',
    },
  })
  q!: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: PUBLIC_SEARCH_PAGE_MAX })
  @Transform(positiveInt(1))
  @IsInt({ message: 'page 须为正整数 (positive integer)' })
  @Min(1, { message: 'page 须为正整数 (positive integer)' })
  @Max(PUBLIC_SEARCH_PAGE_MAX, {
    message: `page 最大 ${PUBLIC_SEARCH_PAGE_MAX}，请缩小查询范围 (at most ${PUBLIC_SEARCH_PAGE_MAX})`,
  })
  page: number = 1;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: PUBLIC_SEARCH_PAGE_SIZE_MAX })
  @Transform(positiveInt(20))
  @IsInt({
    message: `pageSize 须为 1–${PUBLIC_SEARCH_PAGE_SIZE_MAX} 的整数 (integer 1–${PUBLIC_SEARCH_PAGE_SIZE_MAX})`,
  })
  @Min(1, {
    message: `pageSize 须为 1–${PUBLIC_SEARCH_PAGE_SIZE_MAX} 的整数 (integer 1–${PUBLIC_SEARCH_PAGE_SIZE_MAX})`,
  })
  @Max(PUBLIC_SEARCH_PAGE_SIZE_MAX, {
    message: `pageSize 最大 ${PUBLIC_SEARCH_PAGE_SIZE_MAX} (at most ${PUBLIC_SEARCH_PAGE_SIZE_MAX})`,
  })
  pageSize: number = 20;
}

/** The payload of rpc.presale.public.search.v1 (the validated query). */
export interface PublicPresaleSearchRequestV1 {
  by: PublicSearchKindV1;
  q: string;
  page: number;
  pageSize: number;
}

/** One found permit: what the certificate itself shows, and where it verifies. */
export class PublicPresaleSearchItemV1 {
  @ApiProperty({ example: '430223202406200101-Y01', description: '统一编号' }) presaleNumber!: string;
  @ApiProperty({
    example: 'VALID',
    enum: ['VALID', 'CORRECTED'],
    description: '有效 / 已更正（显示最新信息）；未提交的草稿、已撤回的编号与联调测试数据不在结果中',
  })
  status!: 'VALID' | 'CORRECTED';
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '攸县锦绣置业有限公司', description: '开发企业' }) developerName!: string;
  @ApiProperty({ example: '攸县联星街道锦绣大道 88 号' }) address!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '攸县', description: '区划名称' }) regionName!: string;
  @ApiProperty({ example: '攸县住房和城乡建设局', description: '发证机关' }) issuingAuthority!: string;
  @ApiProperty({ example: '攸住建预字〔2024〕第015号', description: '本地证书编号' }) localCertificateNumber!: string;
  @ApiProperty({ example: '2024-08-15', format: 'date', description: '发证日期' }) issueDate!: string;
  @ApiProperty({ example: 'HTTPS://PRESALE.HUNAN.GOV.CN/V/AEACZPSIAQC7Q5NZ…', description: '核验地址（即二维码地址）' })
  verifyUrl!: string;
  @ApiProperty({ example: '/V/AEACZPSIAQC7Q5NZ…', description: '核验地址的路径部分（本站核验页）' })
  verifyPath!: string;
}

export class PublicPresaleSearchPageV1 {
  @ApiProperty({ type: () => [PublicPresaleSearchItemV1] }) items!: PublicPresaleSearchItemV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1, description: `符合条件的条数（最多数到 ${PUBLIC_SEARCH_COUNT_CAP}）` }) total!: number;
  @ApiPropertyOptional({
    example: false,
    description: `为 true 时符合条件的多于 ${PUBLIC_SEARCH_COUNT_CAP} 条，请缩小查询范围`,
  })
  totalIsLowerBound?: boolean;
}
