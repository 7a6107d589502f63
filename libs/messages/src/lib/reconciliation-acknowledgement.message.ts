import { ApiProperty } from '@nestjs/swagger';
import { textReason } from './contract-filing-rules';
import { FieldRule } from './validation/field-rule';
import { RecordId } from './validation/record-id';
import { Trim } from './validation/submission-constraints';

/** 核实说明 of a reconciliation difference: 1–1000 characters. */
export const MAX_EXPLANATION_LENGTH = 1000;

export const DIFFERENCE_ID_REASON = '差异编号须为 UUID (UUID)';

/**
 * Body of POST …/reconciliation/{differenceId}/acknowledge; the contracts service validates the
 * explanation of rpc.contracts.reconciliation.acknowledge.v1 with the same class.
 */
export class DifferenceAcknowledgement {
  @ApiProperty({
    example: '经核实，B0005 号合同已于 2024-10-12 在市网签系统备案，推送省平台失败，已补推。',
    maxLength: MAX_EXPLANATION_LENGTH,
    description: '核实说明（1–1000 字）',
  })
  @Trim()
  @FieldRule('explanation', (v) => textReason(v, MAX_EXPLANATION_LENGTH))
  explanation!: string;
}

/**
 * Body of rpc.contracts.reconciliation.acknowledge.v1: the path's difference id and the HTTP body's
 * explanation (DifferenceAcknowledgement, the class the gateway validates the body with).
 */
export class DifferenceAcknowledgeRequest extends DifferenceAcknowledgement {
  @RecordId(DIFFERENCE_ID_REASON)
  differenceId!: string;
}
