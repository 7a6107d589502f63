/** Chinese names of the supervision API's codes (escrow, signing statistics, reconciliation, governance backfill). */
export const RECORD_STATES: Array<[string, string]> = [
  ['DRAFT', '草稿'],
  ['SUBMITTED', '已提交（锁定）'],
];
export const ESCROW_LIST_STATES: Array<[string, string]> = [['NONE', '未录入'], ...RECORD_STATES];
export const STATISTIC_KINDS: Array<[string, string]> = [
  ['BACKFILL', '补录'],
  ['PERIODIC', '定期报送'],
];
export const DIFFERENCE_STATES: Array<[string, string]> = [
  ['OPEN', '待核实'],
  ['ACKNOWLEDGED', '已说明'],
  ['RESOLVED', '已消除'],
];
export const BACKFILL_STATES: Array<[string, string]> = [
  ['PENDING', '待审核'],
  ['APPROVED', '已同意'],
  ['RETURNED', '已退回'],
];
export const ACCEPTANCE_KINDS: Array<[string, string]> = [
  ['FIVE_PARTY', '五方验收'],
  ['COMPLETION_FILING', '竣工验收备案'],
];
export const DISMISSAL_STATES: Array<[string, string]> = [
  ['PENDING', '待上一级审核'],
  ['APPROVED', '已同意核销'],
  ['REJECTED', '已驳回'],
];
