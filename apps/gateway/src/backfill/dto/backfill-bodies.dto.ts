import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { PRESALE_SUBMISSION_EXAMPLE, PresaleSubmission, PresaleSubmissionV1, RequiredText } from '@hn/messages';

const REQUIRED = { message: '必填 (required)' };

/** A stock (pre-cut-over) presale permit: the work-plan example issued on 2024-06-28. */
export const BACKFILL_SUBMISSION_EXAMPLE = {
  ...PRESALE_SUBMISSION_EXAMPLE,
  localCertificateNumber: '攸住建预字〔2024〕第009号',
  issueDate: '2024-06-28',
};

/** `data` part of POST …/backfill/presale-permits/{presaleNumber}/correction. */
export class CorrectionDataDto {
  @ApiProperty({ example: '预售面积录入错误，按原证更正为 12,300.50 平方米', maxLength: 500, description: '更正原因' })
  @RequiredText(500)
  reason!: string;

  @ApiProperty({ example: '湘建房函〔2024〕12号', maxLength: 100, description: '书面报告文号' })
  @RequiredText(100)
  documentNumber!: string;

  @ApiProperty({
    type: PresaleSubmission,
    description: '更正后的完整预售许可信息（与取号请求体相同；首个施工许可证不变，编号不变）',
  })
  @IsDefined(REQUIRED)
  @IsObject({ message: '须为对象 (must be an object)' })
  @ValidateNested()
  @Type(() => PresaleSubmission)
  submission!: PresaleSubmissionV1;
}
