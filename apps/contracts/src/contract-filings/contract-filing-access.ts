import { ContractFilingV1, Principal } from '@hn/messages';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import { EntityManager } from 'typeorm';
import { ContractErrors } from '../filing/contract-filing.exception';
import { ContractFilingsRepository } from './contract-filings.repository';

export interface StoredFiling {
  sandbox: boolean;
  contractNumber: string;
  regionCode: string;
  status: ContractFilingV1['status'];
  /** the filing as filed (masked), status and cancellation overlaid from their columns */
  filing: ContractFilingV1;
}

/**
 * 403 when the number's region is outside the caller's; its format was checked by the entry's class
 * (ContractNumberBody / ContractFilingCancelRequest, applied by `@RpcHandler`: 400 INVALID_CONTRACT_NUMBER).
 */
export function checkContractNumber(principal: Principal, contractNumber: string): string {
  assertRegionAllowed(principal, regionOf(contractNumber), {
    what: `合同备案 ${contractNumber}`,
    field: 'contractNumber',
  });
  return contractNumber;
}

/**
 * Loads a filing in the caller's space (sandbox credentials see sandbox filings), region-checked
 * again on the stored row; optionally locks it for an update. 404 CONTRACT_NOT_FOUND when absent.
 */
export async function loadFiling(
  filings: ContractFilingsRepository,
  manager: EntityManager,
  principal: Principal,
  contractNumber: string,
  forUpdate = false,
): Promise<StoredFiling> {
  const sandbox = principal.sandbox === true;
  const row = await filings.find(manager, sandbox, contractNumber, forUpdate);
  if (!row) throw ContractErrors.contractNotFound(contractNumber);
  assertRegionAllowed(principal, row.region_code, { what: `合同备案 ${contractNumber}`, field: 'contractNumber' });
  const cancellation = row.cancelled_at
    ? {
        reason: row.cancel_reason ?? '',
        cancelledAt: new Date(row.cancelled_at).toISOString(),
        cancelledBy: row.cancelled_by ?? '',
      }
    : null;
  return {
    sandbox,
    contractNumber,
    regionCode: row.region_code,
    status: row.status,
    filing: { ...row.record, status: row.status, cancellation },
  };
}
