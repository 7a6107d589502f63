import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'permitNumber' })
  field!: string;

  @ApiProperty({ example: 'WRONG_LENGTH: 编号须为 18 位 (must be 18 digits)' })
  reason!: string;
}

/** RFC 9457 problem details as returned by every error. */
export class ProblemDto {
  @ApiProperty({ example: 'https://presale.hunan.gov.cn/problems/permit-not-found' })
  type!: string;

  @ApiProperty({ example: '未找到 Not Found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiProperty({ example: 'PERMIT_NOT_FOUND', description: '稳定的错误码 stable error code' })
  code!: string;

  @ApiProperty({ example: '未找到施工许可证 430223202406209901 (construction permit not found)' })
  detail!: string;

  @ApiPropertyOptional({ example: '/api/v1/construction-permits/430223202406209901' })
  instance?: string;

  @ApiPropertyOptional({ example: '0b6f7c1e-2a1d-4d55-9a43-6a4f0e0f8c11' })
  correlationId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
}
