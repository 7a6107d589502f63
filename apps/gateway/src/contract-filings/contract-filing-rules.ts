import { isIsoDate } from '@hn/numbering';
import { DEFAULT_CONTRACT_CUTOVER_DATE } from '@hn/messages';

/** Settings of the edge checks of contract filings, shared with the contracts service by name. */
export interface ContractFilingRules {
  /** filings dated from this day get unified numbers (CONTRACT_CUTOVER_DATE, default 2024-09-01) */
  cutoverDate: string;
}

export const CONTRACT_FILING_RULES = Symbol('CONTRACT_FILING_RULES');

/** Reads CONTRACT_CUTOVER_DATE (the same variable the contracts service reads); fails at boot when malformed. */
export function contractFilingRulesFromEnv(env: Record<string, string | undefined>): ContractFilingRules {
  const cutoverDate = env['CONTRACT_CUTOVER_DATE']?.trim() || DEFAULT_CONTRACT_CUTOVER_DATE;
  if (!isIsoDate(cutoverDate))
    throw new Error(`配置无效 invalid configuration: CONTRACT_CUTOVER_DATE must be a YYYY-MM-DD date`);
  return { cutoverDate };
}
