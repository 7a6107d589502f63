import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { PaperSizeV1 } from './presale';
import { IsPresaleNumberParam } from './validation/presale-number-constraints';

export const PAPER_SIZES: readonly PaperSizeV1[] = ['A4', 'A3', 'A5', 'B5', 'LETTER'];
export const QR_FORMATS = ['png', 'svg'] as const;
export type QrFormatV1 = (typeof QR_FORMATS)[number];

/**
 * Bodies of the presale permit reads (rpc.presale.permit.get / .qr / .print-layout.v1): the presale
 * number the gateway takes from the path (400 INVALID_PRESALE_NUMBER, checked first), the QR format
 * named by the route and the print layout's paper from the query (400 VALIDATION_FAILED).
 */
export class PresaleNumberBodyV1 {
  @ApiProperty({ example: '430223202406200101-Y01', description: '统一预售许可证号' })
  @IsPresaleNumberParam()
  presaleNumber!: string;
}

export class PresaleQrRequestV1 extends PresaleNumberBodyV1 {
  @ApiProperty({ enum: QR_FORMATS, description: '图片格式 image format' })
  @IsIn(QR_FORMATS, { message: `format 须为 ${QR_FORMATS.join(' / ')} 之一 (png or svg)` })
  format!: QrFormatV1;
}

export class PresalePrintLayoutRequestV1 extends PresaleNumberBodyV1 {
  @ApiPropertyOptional({ enum: PAPER_SIZES, default: 'A4', description: '纸张 paper size' })
  @IsOptional()
  @IsIn(PAPER_SIZES, { message: `paper 须为 ${PAPER_SIZES.join(' / ')} 之一 (unsupported paper size)` })
  paper?: PaperSizeV1;
}
