import { ContractFilingV1, Principal } from '@hn/messages';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import { parseContractNumber } from '@hn/numbering';
import { EntityManager } from 'typeorm';
import { ContractErrors } from '../filing/contract-filing.exception';

export interface StoredFiling {
  sandbox: boolean;
  contractNumber: string;
  regionCode: string;
  status: ContractFilingV1['status'];
  /** the filing as filed (masked), status and cancellation overlaid from their columns */
  filing: ContractFilingV1;
}

interface FilingRow {
  record: ContractFilingV1;
  status: ContractFilingV1['status'];
  region_code: string;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  cancelled_by: string | null;
}

/** 400 for a malformed number, 403 when its region is outside the caller's. */
export function checkContractNumber(principal: Principal, contractNumber: unknown): string {
  if (typeof contractNumber !== 'string' || parseContractNumber(contractNumber) === null)
    throw ContractErrors.invalidContractNumber(contractNumber);
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
  manager: EntityManager,
  principal: Principal,
  contractNumber: string,
  forUpdate = false,
): Promise<StoredFiling> {
  const sandbox = principal.sandbox === true;
  const rows: FilingRow[] = await manager.query(
    `SELECT record, status, region_code, cancelled_at, cancel_reason, cancelled_by FROM contract_filing
     WHERE sandbox = $1 AND contract_number = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [sandbox, contractNumber],
  );
  const row = rows[0];
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
