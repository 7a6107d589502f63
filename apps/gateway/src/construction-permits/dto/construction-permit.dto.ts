import { ApiProperty } from '@nestjs/swagger';

/** Response shape of a construction permit (施工许可证). */
export class ConstructionPermitDto {
  @ApiProperty({ example: '430223202406200101' }) permitNumber!: string;
  @ApiProperty({ example: '2024-430223-70-03-012345' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: 'PRESALE', enum: ['PRESALE', 'CURRENT_SALE', 'OTHER'], nullable: true }) projectType!:
    string | null;
  @ApiProperty({ example: '社会投资房建类' }) category!: string;
  @ApiProperty({ example: '攸县锦绣置业有限公司' }) developerName!: string;
  @ApiProperty({ example: '91430223MA4Q0XXXX0' }) developerCreditCode!: string;
  @ApiProperty({ example: '2024-06-20' }) issueDate!: string;
  @ApiProperty({ example: '2024-07-01', nullable: true }) startDate!: string | null;
  @ApiProperty({ example: '2026-12-31', nullable: true }) plannedCompletionDate!: string | null;
  @ApiProperty({ example: null, nullable: true }) fivePartyAcceptanceDate!: string | null;
  @ApiProperty({ example: null, nullable: true }) completionFilingDate!: string | null;
  @ApiProperty({ example: 'VALID', enum: ['VALID', 'REVOKED'] }) status!: string;
  @ApiProperty({
    example: true,
    required: false,
    description:
      '联调测试（沙箱）数据：沙箱凭据推送的施工许可，仅沙箱凭据可见；正式数据无此字段 (sandbox data, seen by sandbox credentials only)',
  })
  sandbox?: boolean;
}

export class PermitPageDto {
  @ApiProperty({ type: [ConstructionPermitDto] }) items!: ConstructionPermitDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1, description: '精确计数，超过 10000 时为 10000 且 totalIsLowerBound=true' }) total!: number;
  @ApiProperty({ example: false, required: false }) totalIsLowerBound?: boolean;
}

export class UpsertResultDto {
  @ApiProperty({ type: ConstructionPermitDto }) permit!: ConstructionPermitDto;
  @ApiProperty({ example: 'created', enum: ['created', 'updated', 'unchanged'] }) outcome!: string;
}
