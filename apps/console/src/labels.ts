/** Chinese names of the API's codes (the code itself stays visible where staff need it). */
export const ALERT_TYPES: Array<[string, string]> = [
  ['OVERDUE_ACCEPTANCE', '逾期验收'],
  ['PRESALE_WITHOUT_PERMIT', '已办预售未办施工许可'],
  ['RECONCILIATION_DIFFERENCE', '网签比对差异'],
  ['ESCROW_NOT_SUPERVISED', '未实行资金监管'],
  ['APPROVAL_OVERDUE', '施工许可审批超时'],
];
export const ALERT_STATES: Array<[string, string]> = [
  ['OPEN', '待处理'],
  ['FOLLOWING', '跟踪中'],
  ['CLEARED', '已解除'],
  ['DISMISSED', '已核销'],
];
export const ALERT_SCOPES: Array<[string, string]> = [
  ['INCREMENT', '增量'],
  ['STOCK', '存量'],
];
export const PROJECT_TYPES: Array<[string, string]> = [
  ['PRESALE', '预售商品房'],
  ['CURRENT_SALE', '现售商品房'],
  ['OTHER', '其它'],
];
export const MARKING_STATES: Array<[string, string]> = [
  ['DRAFT', '草稿（未提交）'],
  ['SUBMITTED', '已提交'],
];
export const ROLES: Array<[string, string]> = [
  ['PROVINCE', '省厅'],
  ['CITY', '市州'],
  ['COUNTY', '县市区'],
  ['ADMIN', '管理员'],
];

export function label(table: Array<[string, string]>, code: string | null | undefined, empty = '—'): string {
  if (code === null || code === undefined || code === '') return empty;
  return table.find(([c]) => c === code)?.[1] ?? code;
}
