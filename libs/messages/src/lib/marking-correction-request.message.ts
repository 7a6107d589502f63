import { ApiProperty } from '@nestjs/swagger';
import { MarkingProjectCode } from './correction-data.message';
import type { MarkingCorrectionRequestV1 } from './marking';
import { projectTypeReason } from './marking.message';
import { PROJECT_TYPES, type ProjectType } from './permits';
import { isScanRef, type ScanRefV1 } from './scans';
import { FieldRule } from './validation/field-rule';
import { ValidatedAs } from './validation/validated-as';
import { RequiredText } from './validation/submission-constraints';

/** The written report of a marking correction: the `data` part's reason and document number, and the staged scan. */
export class MarkingCorrectionReport {
  @ApiProperty({
    example: '经核实该项目为企业自持，未办理预售，误标为预售商品房',
    maxLength: 500,
    description: '纠错原因',
  })
  @RequiredText(500)
  reason!: string;

  @ApiProperty({ example: '攸住建函〔2024〕12号', maxLength: 100, description: '书面报告文号' })
  @RequiredText(100)
  documentNumber!: string;

  @ApiProperty({ description: '书面报告扫描件（网关暂存的引用）the staged scan of the written report' })
  @FieldRule('isScanRef', (v) => (isScanRef(v) ? null : '须附书面报告扫描件 (the written report scan is required)'))
  scan!: ScanRefV1;
}

/**
 * Body of rpc.permits.marking.correct.v1 (纠错): the multipart `data` part the gateway validated
 * (MarkingCorrectionData, the same rules) with its report nested beside the staged scan. The report's
 * fields are reported unprefixed (`reason`, `documentNumber`, `scan`), so a body sent straight over
 * NATS gets the field list the gateway answers for the same `data` part (422 INCOMPLETE_SUBMISSION).
 */
export class MarkingCorrectionRequest implements MarkingCorrectionRequestV1 {
  @MarkingProjectCode()
  projectCode!: string;

  @ApiProperty({ enum: PROJECT_TYPES, example: 'OTHER', description: '更正后的项目类型' })
  @FieldRule('projectType', projectTypeReason)
  projectType!: ProjectType;

  @ApiProperty({ type: MarkingCorrectionReport })
  @ValidatedAs(MarkingCorrectionReport)
  report!: MarkingCorrectionReport;
}
