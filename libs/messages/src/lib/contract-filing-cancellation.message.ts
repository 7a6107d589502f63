import { ApiProperty } from '@nestjs/swagger';
import { CANCEL_REASON_MAX, textReason } from './contract-filing-rules';
import { FieldRule } from './validation/field-rule';
import { Trim } from './validation/submission-constraints';

/**
 * Body of POST /api/v1/contract-filings/{contractNumber}/cancel (注销); the contracts service
 * validates the reason of rpc.contracts.filing.cancel.v1 with the same class (the contract number
 * is the path's, checked on its own: 400 INVALID_CONTRACT_NUMBER).
 */
export class ContractFilingCancellation {
  @ApiProperty({
    example: '买受人退房，双方协商解除合同',
    minLength: 1,
    maxLength: CANCEL_REASON_MAX,
    description: '注销原因（1–500 字）',
  })
  @Trim()
  @FieldRule('cancelReason', (v) => textReason(v, CANCEL_REASON_MAX))
  reason!: string;
}
