import { ApiProperty, ApiSchema, PickType } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { presaleNumberReason, REQUIRED, textReason } from './contract-filing-rules';
import {
  ESCROW_PRESALE_NUMBER_EXAMPLE,
  EscrowCommitmentLetterRequestV1,
  EscrowCorrectionRequestV1,
  EscrowPutRequestV1,
  EscrowSubmitRequestV1,
  EscrowWithdrawRequestV1,
} from './escrow';
import { EscrowCorrectedRecord, EscrowRecordInput } from './escrow-record.message';
import { CorrectionReportV1, ScanRefV1 } from './scans';
import { FieldRule } from './validation/field-rule';
import { ListRule } from './validation/list-rule';
import { IsPresaleNumberParam } from './validation/presale-number-constraints';
import { ValidatedAs } from './validation/validated-as';

/**
 * RPC bodies of the escrow writes (rpc.escrow.record.*.v1) and the HTTP bodies the gateway validates
 * with the same rules: the PUT body is the put's `record` (ValidatedAs, reported unprefixed), the
 * withdraw and submit bodies are the RPC bodies themselves, a correction's `data` part is
 * {@link EscrowCorrectionData}. The presale number the gateway takes from the path is checked first
 * (400 INVALID_PRESALE_NUMBER, PresaleNumberBodyV1's rule). Staged scan references are checked where the
 * escrow service takes the scan (ScanStaging.take, 422 SCAN_UNAVAILABLE). Rules that need data (the
 * permit is known and in scope, the balance date not before its issue date, a letter's scan uploaded
 * before submitting) stay in the escrow service.
 */

/** At most this many presale numbers per 提交. */
export const ESCROW_MAX_SUBMIT_PERMITS = 100;

const PATH_PRESALE_NUMBER = {
  example: ESCROW_PRESALE_NUMBER_EXAMPLE,
  description: '统一预售许可证号（补录 Z 号，网关取自路径）presale number, from the path',
};
const STAGED_SCAN = { description: '已暂存的扫描件引用（网关上传后生成）staged scan reference' };

/** Body of rpc.escrow.record.put.v1: the path number and the PUT body (EscrowRecordInput's fields, unprefixed). */
export class EscrowPutRequest implements EscrowPutRequestV1 {
  @ApiProperty(PATH_PRESALE_NUMBER)
  @IsPresaleNumberParam()
  presaleNumber!: string;

  @ApiProperty({ type: EscrowRecordInput, description: '资金监管信息（PUT 请求体）the PUT body' })
  @ValidatedAs(EscrowRecordInput)
  record!: EscrowRecordInput;
}

/** Body of rpc.escrow.record.commitment-letter.v1: the path number and the staged letter scan. */
export class EscrowCommitmentLetterRequest implements EscrowCommitmentLetterRequestV1 {
  @ApiProperty(PATH_PRESALE_NUMBER)
  @IsPresaleNumberParam()
  presaleNumber!: string;

  @ApiProperty(STAGED_SCAN)
  @Allow()
  scan!: ScanRefV1;
}

/** Body of POST …/escrow/withdraw (撤回) and of rpc.escrow.record.withdraw.v1 (422 INCOMPLETE_SUBMISSION). */
@ApiSchema({ name: 'WithdrawEscrowDto' })
export class EscrowWithdrawRequest implements EscrowWithdrawRequestV1 {
  @ApiProperty({ example: ESCROW_PRESALE_NUMBER_EXAMPLE, description: '统一预售许可证号' })
  @FieldRule('presaleNumber', presaleNumberReason)
  presaleNumber!: string;
}

function presaleNumbersReason(v: unknown): string | null {
  if (v === undefined || v === null) return REQUIRED;
  if (!Array.isArray(v)) return '须为预售许可证号数组 (an array of presale numbers)';
  if (v.length < 1 || v.length > ESCROW_MAX_SUBMIT_PERMITS)
    return `须列出 1–${ESCROW_MAX_SUBMIT_PERMITS} 个预售许可证号 (1..${ESCROW_MAX_SUBMIT_PERMITS} presale numbers)`;
  if (new Set(v).size !== v.length) return '预售许可证号不能重复 (must be distinct)';
  return null;
}

/** Body of POST …/escrow/submit (提交) and of rpc.escrow.record.submit.v1 (422 INCOMPLETE_SUBMISSION). */
@ApiSchema({ name: 'SubmitEscrowDto' })
export class EscrowSubmitRequest implements EscrowSubmitRequestV1 {
  @ApiProperty({
    example: [ESCROW_PRESALE_NUMBER_EXAMPLE],
    type: [String],
    minItems: 1,
    maxItems: ESCROW_MAX_SUBMIT_PERMITS,
    description: '要提交锁定的预售许可证号（均须为草稿，全部成功或全部不提交）',
  })
  @ListRule('presaleNumbers', presaleNumbersReason, (v, path) =>
    (v as unknown[]).flatMap((n, i) => {
      const reason = presaleNumberReason(n);
      return reason ? [{ field: `${path}[${i}]`, reason }] : [];
    }),
  )
  presaleNumbers!: string[];
}

/**
 * The `data` part of POST …/escrow/{presaleNumber}/correction (书面报告 + corrected record): the gateway
 * validates it with this class; the escrow service validates the same fields of its RPC body
 * ({@link EscrowCorrectionRequest}: the report's fields unprefixed, the record under `record.`).
 */
export class EscrowCorrectionData extends EscrowCorrectedRecord {
  @ApiProperty({
    example: '监管账号余额录入错误，按开户银行出具的对账单更正',
    maxLength: 500,
    description: '更正原因（1–500 字）',
  })
  @FieldRule('reason', (v) => textReason(v, 500))
  reason!: string;

  @ApiProperty({ example: '湘建房函〔2024〕12号', maxLength: 100, description: '书面报告文号（1–100 字）' })
  @FieldRule('documentNumber', (v) => textReason(v, 100))
  documentNumber!: string;
}

/** 书面报告 of an escrow correction: the `data` part's reason and document number, and the staged report scan. */
export class EscrowCorrectionReport
  extends PickType(EscrowCorrectionData, ['reason', 'documentNumber'] as const)
  implements CorrectionReportV1
{
  @ApiProperty(STAGED_SCAN)
  @Allow()
  scan!: ScanRefV1;
}

/**
 * Body of rpc.escrow.record.correct.v1 (更正, ADMIN): the path number first (400 INVALID_PRESALE_NUMBER),
 * then the `data` part's fields as the gateway reports them: the report's `reason` and `documentNumber`
 * unprefixed, the corrected record under `record.` (EscrowCorrectedRecord), in the gateway's order.
 */
export class EscrowCorrectionRequest extends EscrowCorrectedRecord implements EscrowCorrectionRequestV1 {
  @ApiProperty(PATH_PRESALE_NUMBER)
  @IsPresaleNumberParam()
  presaleNumber!: string;

  @ApiProperty({ type: EscrowCorrectionReport, description: '书面报告 the written report' })
  @ValidatedAs(EscrowCorrectionReport)
  report!: EscrowCorrectionReport;
}
