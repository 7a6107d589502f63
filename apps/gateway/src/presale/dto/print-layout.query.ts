import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PaperSizeV1 } from '@hn/messages';

export const PAPER_SIZES: readonly PaperSizeV1[] = ['A4', 'A3', 'A5', 'B5', 'LETTER'];

export class PrintLayoutQuery {
  @ApiPropertyOptional({ enum: PAPER_SIZES, default: 'A4', description: '纸张 paper size' })
  @IsOptional()
  @IsIn(PAPER_SIZES, { message: `paper 须为 ${PAPER_SIZES.join(' / ')} 之一 (unsupported paper size)` })
  paper?: PaperSizeV1;
}
