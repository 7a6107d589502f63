import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Allow, IsOptional } from 'class-validator';
import type {
  BackfillIssueRequestV1,
  PresaleCorrectionRequestV1,
  UnpermittedPresaleRegisterRequestV1,
  UnpermittedPresaleSubmissionV1,
} from './backfill';
import { Z_PRESALE_EXAMPLE } from './backfill-lifecycle.message';
import { PresaleCorrectionData } from './correction-data.message';
import { IsIdempotencyKey } from './idempotency-key';
import type { PresaleSubmissionV1 } from './presale';
import { PresaleSubmission } from './presale-submission.message';
import { CorrectionReportV1, isScanRef, ScanRefV1 } from './scans';
import { UnpermittedPresaleSubmission, validateUnpermittedSubmission } from './unpermitted-submission.message';
import { FieldRule } from './validation/field-rule';
import { checkedFirst, InvalidPayloads } from './validation/invalid-payload';
import { IsZPresaleNumber } from './validation/presale-number-constraints';
import { ValidatedAs } from './validation/validated-as';

/**
 * RPC bodies of the staff writes that carry a staged scan (multipart `data` + `scan` at the gateway):
 * the `data` part is validated by its own message class and reported with its own field names, as the
 * gateway reports the multipart `data` part (ValidatedAs); the staged scan reference is checked where
 * the presale service takes the scan (ScanStore.take, 422 SCAN_UNAVAILABLE), a correction's report
 * scan also for its shape beside the report fields (as before the class).
 */

const STAGED_SCAN = { description: '已暂存的扫描件引用（网关上传后生成）staged scan reference' };

/** Body of rpc.presale.backfill.issue.v1 (补录): the optional key first (INVALID_ISSUE_REQUEST), then the `data` part. */
export class BackfillIssueRequest implements BackfillIssueRequestV1 {
  @ApiPropertyOptional({ example: 'yx-backfill-2024-009', description: '可选 Idempotency-Key 请求头' })
  @IsOptional()
  @IsIdempotencyKey()
  idempotencyKey?: string;

  @ApiProperty({ type: PresaleSubmission, description: '补录内容（multipart 的 data 部分）' })
  @ValidatedAs(PresaleSubmission)
  submission!: PresaleSubmissionV1;

  @ApiProperty(STAGED_SCAN)
  @Allow()
  scan!: ScanRefV1;
}

/**
 * 书面报告 of a backfill correction: the report fields of the `data` part (PresaleCorrectionData's
 * rules, picked) and the staged report scan.
 */
export class PresaleCorrectionReport
  extends PickType(PresaleCorrectionData, ['reason', 'documentNumber'] as const)
  implements CorrectionReportV1
{
  @ApiProperty(STAGED_SCAN)
  @FieldRule('isScanRef', (value) => (isScanRef(value) ? null : '书面报告扫描件必填 (report scan required)'))
  scan!: ScanRefV1;
}

/**
 * Body of rpc.presale.backfill.correct.v1 (更正): the Z number from the path, checked first (400
 * INVALID_PRESALE_NUMBER, {@link INVALID_CORRECTION_REQUEST}); then the `data` part's fields as the
 * gateway reports them: `submission.…` (PresaleCorrectionData's rule) and the report's fields unprefixed.
 */
export class PresaleCorrectionRequest
  extends PickType(PresaleCorrectionData, ['submission'] as const)
  implements PresaleCorrectionRequestV1
{
  @ApiProperty({ example: Z_PRESALE_EXAMPLE, description: '补录的预售许可证号（Z）' })
  @IsZPresaleNumber()
  presaleNumber!: string;

  @ApiProperty({ type: PresaleCorrectionReport, description: '书面报告' })
  @ValidatedAs(PresaleCorrectionReport)
  report!: PresaleCorrectionReport;
}

/** A correction: a bad path number alone (400 INVALID_PRESALE_NUMBER), else 422 INCOMPLETE_SUBMISSION. */
export const INVALID_CORRECTION_REQUEST = checkedFirst(
  'presaleNumber',
  InvalidPayloads.presaleNumber,
  InvalidPayloads.incomplete,
);

/** Body of rpc.presale.unpermitted.register.v1 (已办预售未办施工许可 登记). */
export class UnpermittedPresaleRegisterRequest implements UnpermittedPresaleRegisterRequestV1 {
  @ApiProperty({ type: UnpermittedPresaleSubmission, description: '登记内容（multipart 的 data 部分）' })
  @ValidatedAs(UnpermittedPresaleSubmission, validateUnpermittedSubmission)
  submission!: UnpermittedPresaleSubmissionV1;

  @ApiProperty(STAGED_SCAN)
  @Allow()
  scan!: ScanRefV1;
}
