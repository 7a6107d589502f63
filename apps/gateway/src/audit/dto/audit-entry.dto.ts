import { ApiProperty } from '@nestjs/swagger';

export class AuditEntryDto {
  @ApiProperty({ example: 1024 })
  id!: number;

  @ApiProperty({ example: '2024-09-02T01:23:45.678Z' })
  at!: string;

  @ApiProperty({
    example: 'zhang.san',
    description: '操作人 staff username (for failed logins: the attempted username)',
  })
  actor!: string;

  @ApiProperty({ example: 'COUNTY', nullable: true, enum: ['PROVINCE', 'CITY', 'COUNTY', 'ADMIN'] })
  role!: string | null;

  @ApiProperty({ type: String, example: '430223', nullable: true })
  region!: string | null;

  @ApiProperty({
    example: 'POST /api/v1/supervision/marking/batch',
    description: '方法与路由 method and route pattern',
  })
  action!: string;

  @ApiProperty({
    type: String,
    example: 'presaleNumber=430223202406200101-Z01',
    nullable: true,
    description: '路径参数 path parameters',
  })
  target!: string | null;

  @ApiProperty({
    nullable: true,
    description: '变更前（如有）state before, when the operation reports it',
    example: null,
  })
  before!: unknown;

  @ApiProperty({
    nullable: true,
    description: '请求体或变更后状态，已脱敏 request body or state after, redacted',
    example: { permitNumbers: ['430223202406200101'], projectType: 'PRESALE' },
  })
  after!: unknown;

  @ApiProperty({ type: String, example: '0b6f7c1e-2a1d-4d55-9a43-6a4f0e0f8c11', nullable: true })
  correlationId!: string | null;

  @ApiProperty({ example: 201, description: 'HTTP 状态码 HTTP status' })
  status!: number;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] })
  items!: AuditEntryDto[];

  @ApiProperty({ example: 1 })
  page!: number;

  @ApiProperty({ example: 50 })
  pageSize!: number;

  @ApiProperty({ example: 1 })
  total!: number;
}
