import { ApiProperty } from '@nestjs/swagger';
import { IsPresaleNumber } from './validation/number-constraints';

/** The body of a read by presale permit number (the path's `{presaleNumber}` at the gateway). */
export interface PresaleNumberBodyV1 {
  presaleNumber: string;
}

/**
 * A read by presale number as a message class: the number's format and its embedded construction
 * permit number (region, date…), 400 INVALID_PRESALE_NUMBER naming the number on both paths.
 */
export class PresaleNumberBody implements PresaleNumberBodyV1 {
  @ApiProperty({ example: '430223202406200101-Y01', description: '统一编号：18 位施工许可证编号-Y/Z两位序号' })
  @IsPresaleNumber()
  presaleNumber!: string;
}
