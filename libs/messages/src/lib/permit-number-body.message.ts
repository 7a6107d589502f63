import { ApiProperty } from '@nestjs/swagger';
import type { PermitNumberBodyV1 } from './permits';
import { IsPermitNumber } from './validation/number-constraints';

/**
 * The body of a read by construction permit number (the path's `{permitNumber}` at the gateway): the
 * permit, its units, its e-license. An invalid number is 400 INVALID_PERMIT_NUMBER on both paths.
 */
export class PermitNumberBody implements PermitNumberBodyV1 {
  @ApiProperty({ example: '430223202406200101', description: '18 位施工许可证编号 (RRRRRR YYYYMMDD SS CC)' })
  @IsPermitNumber()
  permitNumber!: string;
}
