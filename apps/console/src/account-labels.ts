/** Chinese names of the account API's codes (applications, staff accounts, integrator credentials). */
export const APPLICATION_STATES: Array<[string, string]> = [
  ['DRAFT', '草稿'],
  ['SUBMITTED', '已报送省厅'],
  ['APPROVED', '已批准'],
  ['RETURNED', '已退回'],
];
export const PERMISSIONS: Array<[string, string]> = [
  ['MARKING', '存量预售项目标记'],
  ['PERMIT_BACKFILL', '补录预售许可证'],
  ['ESCROW_BACKFILL', '补录预售资金监管信息'],
];
export const ACCOUNT_STATUSES: Array<[string, string]> = [
  ['ACTIVE', '正常'],
  ['DISABLED', '已停用'],
  ['DELETED', '已删除'],
];
