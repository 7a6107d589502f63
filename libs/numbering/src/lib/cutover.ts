/**
 * The cut-over days of unified numbering (统一编号启用日), written once. Each process reads its own
 * value from its validated config (PRESALE_CUTOVER_DATE in presale, CONTRACT_CUTOVER_DATE in the
 * contracts service and the gateway); these are the defaults when the variable is not set.
 */
export const CUTOVER_DEFAULTS = Object.freeze({
  /** presale permits issued from this day get Y numbers; earlier ones are backfilled (Z) */
  presale: '2024-08-01',
  /** contract filings dated from this day get unified numbers; earlier ones are statistics */
  contractFiling: '2024-09-01',
} as const);
