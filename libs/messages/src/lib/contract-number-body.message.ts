import { ApiProperty } from '@nestjs/swagger';
import { CONTRACT_NUMBER_EXAMPLE, ContractFilingCancelRequestV1, ContractFilingGetRequestV1 } from './contract-filings';
import { ContractFilingCancellation } from './contract-filing-cancellation.message';
import { IsContractNumber } from './validation/number-constraints';

/**
 * Body of rpc.contracts.filing.get.v1 (the path's `{contractNumber}` at the gateway): an invalid number
 * is 400 INVALID_CONTRACT_NUMBER on both paths.
 */
export class ContractNumberBody implements ContractFilingGetRequestV1 {
  @ApiProperty({ example: CONTRACT_NUMBER_EXAMPLE, description: '网签备案编号 <预售许可证号>-B<NNNN>' })
  @IsContractNumber()
  contractNumber!: string;
}

/**
 * Body of rpc.contracts.filing.cancel.v1 (注销): the path's contract number and the HTTP body's
 * reason (ContractFilingCancellation, the class the gateway validates the HTTP body with).
 */
export class ContractFilingCancelRequest extends ContractFilingCancellation implements ContractFilingCancelRequestV1 {
  @IsContractNumber()
  contractNumber!: string;
}
