import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHAIN_TOKEN_EXAMPLE,
  LogPositionDto,
  PresalePermitDto,
  VERIFY_URL_EXAMPLE,
} from '../../presale/dto/presale-permit.dto';
import { Developer } from '@hn/messages';

const Z = '430223202406200101-Z01';

export class StoredScanDto {
  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: '扫描件 SHA-256',
  })
  sha256!: string;
  @ApiProperty({
    example: 'application/pdf',
    enum: ['application/pdf', 'image/jpeg', 'image/png'],
    description: '按内容判定的类型',
  })
  contentType!: string;
  @ApiProperty({ example: 482113, description: '字节数（≤ 20 MB）' }) size!: number;
  @ApiProperty({ example: '预售许可证扫描件.pdf' }) fileName!: string;
  @ApiProperty({ example: '2024-09-03T02:15:00.000Z', format: 'date-time' }) uploadedAt!: string;
}

export class BackfilledPresalePermitDto {
  @ApiProperty({ type: PresalePermitDto, description: '补录的预售许可证（Z 编号）' }) permit!: PresalePermitDto;
  @ApiProperty({
    example: 'VALID',
    enum: ['VALID', 'CORRECTED', 'WITHDRAWN'],
    description: '有效 / 已更正 / 已撤回（编号作废）',
  })
  status!: string;
  @ApiProperty({ example: 'DRAFT', enum: ['DRAFT', 'SUBMITTED'], description: '草稿（可撤回）/ 已提交（锁定）' })
  backfillState!: string;
  @ApiProperty({ example: 'youxian.li', description: '补录人' }) backfilledBy!: string;
  @ApiProperty({ type: StoredScanDto, description: '预售许可证扫描件' }) scan!: StoredScanDto;
}

export class BackfillIssuedDto {
  @ApiProperty({ example: Z }) presaleNumber!: string;
  @ApiProperty({ example: CHAIN_TOKEN_EXAMPLE, description: '链令牌 chain token, base64url' }) chainToken!: string;
  @ApiProperty({ example: VERIFY_URL_EXAMPLE, description: '二维码中的核验地址' }) verifyUrl!: string;
  @ApiProperty({
    example: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 57 57">…</svg>',
    description: '二维码 SVG',
  })
  qrSvg!: string;
  @ApiProperty({ type: LogPositionDto }) log!: LogPositionDto;
  @ApiProperty({ type: BackfilledPresalePermitDto }) backfill!: BackfilledPresalePermitDto;
}

export class BackfillPageDto {
  @ApiProperty({ type: [BackfilledPresalePermitDto] }) items!: BackfilledPresalePermitDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class CandidatePermitDto {
  @ApiProperty({ example: '430223202406200101' }) permitNumber!: string;
  @ApiProperty({ example: '2024-06-20', format: 'date' }) issueDate!: string;
}

export class CandidateBackfilledDto {
  @ApiProperty({ example: Z }) presaleNumber!: string;
  @ApiProperty({ example: '2024-06-28', format: 'date' }) issueDate!: string;
  @ApiProperty({ example: 'SUBMITTED', enum: ['DRAFT', 'SUBMITTED'] }) backfillState!: string;
  @ApiProperty({ example: 'VALID', enum: ['VALID', 'CORRECTED', 'WITHDRAWN'] }) status!: string;
}

export class BackfillCandidateDto {
  @ApiProperty({ example: '2024-430223-70-03-012345' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ type: [CandidatePermitDto], description: '项目的施工许可证（已标记为预售商品房）' })
  permits!: CandidatePermitDto[];
  @ApiProperty({ type: [CandidateBackfilledDto], description: '已补录的预售许可证（Z）' })
  backfilled!: CandidateBackfilledDto[];
}

export class BackfillCandidatePageDto {
  @ApiProperty({ type: [BackfillCandidateDto] }) items!: BackfillCandidateDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class BackfillWithdrawResultDto {
  @ApiProperty({ example: Z }) presaleNumber!: string;
  @ApiProperty({ example: 'WITHDRAWN', enum: ['WITHDRAWN'] }) status!: string;
}

export class BackfillSubmitResultDto {
  @ApiProperty({ type: [BackfilledPresalePermitDto] }) items!: BackfilledPresalePermitDto[];
}

export class CorrectionResultDto {
  @ApiProperty({ example: Z }) presaleNumber!: string;
  @ApiProperty({ example: CHAIN_TOKEN_EXAMPLE, description: '更正后记录的新链令牌；旧令牌核验结果为 CORRECTED' })
  chainToken!: string;
  @ApiProperty({ example: VERIFY_URL_EXAMPLE }) verifyUrl!: string;
  @ApiProperty({ type: LogPositionDto, description: 'CORRECTED 日志条目的位置' }) log!: LogPositionDto;
  @ApiProperty({ type: BackfilledPresalePermitDto }) backfill!: BackfilledPresalePermitDto;
}

export class UnpermittedProjectDto {
  @ApiProperty({ example: '0b6f1c9e-4c1b-4f0e-9a51-2f7d1f0c2a11' }) id!: string;
  @ApiProperty({ example: '攸县滨江花园一期' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ type: Developer }) developer!: Developer;
  @ApiProperty({ example: '攸住建预字〔2023〕第021号' }) localCertificateNumber!: string;
  @ApiProperty({ example: '2023-11-20', format: 'date' }) issueDate!: string;
  @ApiPropertyOptional({ example: '攸县江桥街道滨江路 18 号' }) address?: string;
  @ApiProperty({ example: 'youxian.li' }) registeredBy!: string;
  @ApiProperty({ example: '2024-09-03T02:15:00.000Z', format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ type: StoredScanDto }) scan!: StoredScanDto;
}

export class UnpermittedPageDto {
  @ApiProperty({ type: [UnpermittedProjectDto] }) items!: UnpermittedProjectDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}
