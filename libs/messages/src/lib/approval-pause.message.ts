import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isIsoDate } from '@hn/numbering';
import type { PauseNoticeV1 } from './approval';
import { STAFF_PAUSE_KINDS, StaffPauseKind } from './approval-stages';
import { FieldRule } from './validation/field-rule';
import { RequiredText } from './validation/submission-constraints';

/** 书面告知 of a pause (PAUSE: 勘验 / 专家评审 / 听证; RETURN_FOR_CORRECTION: optional, its kind is 补正). */
export class PauseNoticeInput implements PauseNoticeV1 {
  @ApiPropertyOptional({
    enum: STAFF_PAUSE_KINDS,
    example: 'INSPECTION',
    description: '勘验 / 专家评审 / 听证（PAUSE 必填）',
  })
  @FieldRule('kind', (v) =>
    v === undefined || v === null || (STAFF_PAUSE_KINDS as readonly unknown[]).includes(v)
      ? null
      : `须为 ${STAFF_PAUSE_KINDS.join(' | ')} 之一 (one of ${STAFF_PAUSE_KINDS.join(', ')})`,
  )
  kind?: StaffPauseKind;

  @ApiProperty({ example: '攸建勘告〔2024〕12号', maxLength: 60, description: '告知书文号' })
  @RequiredText(60)
  noticeNumber!: string;

  @ApiProperty({ example: '需现场勘验施工场地', maxLength: 500, description: '暂停原因' })
  @RequiredText(500)
  reason!: string;

  @ApiPropertyOptional({ example: '2024-09-05', format: 'date', description: '告知日期，缺省为今天（不得晚于今天）' })
  @FieldRule('date', (v) =>
    v === undefined || v === null || (typeof v === 'string' && isIsoDate(v))
      ? null
      : '须为 YYYY-MM-DD 格式的真实日期 (must be a real YYYY-MM-DD date)',
  )
  date?: string;
}
