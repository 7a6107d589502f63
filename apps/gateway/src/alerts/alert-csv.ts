import { AlertV1 } from '@hn/messages';

const TYPE_NAMES: Record<AlertV1['type'], string> = {
  OVERDUE_ACCEPTANCE: '逾期验收',
  PRESALE_WITHOUT_PERMIT: '已办预售未办施工许可',
  RECONCILIATION_DIFFERENCE: '网签比对差异',
  ESCROW_NOT_SUPERVISED: '未实行资金监管',
  APPROVAL_OVERDUE: '施工许可审批超时',
};
const STATE_NAMES: Record<AlertV1['state'], string> = {
  OPEN: '待处理',
  FOLLOWING: '跟踪中',
  CLEARED: '已解除',
  DISMISSED: '已核销',
};
const SCOPE_NAMES = { INCREMENT: '增量', STOCK: '存量' } as const;

const COLUMNS: Array<[string, (a: AlertV1) => string]> = [
  ['预警编号 id', (a) => a.id],
  ['类型 type', (a) => `${TYPE_NAMES[a.type]} ${a.type}`],
  ['状态 state', (a) => `${STATE_NAMES[a.state]} ${a.state}`],
  ['增量/存量 scope', (a) => (a.scope ? `${SCOPE_NAMES[a.scope]} ${a.scope}` : '')],
  ['区划 regionCode', (a) => a.regionCode],
  ['项目代码 projectCode', (a) => a.projectCode ?? ''],
  ['项目名称 projectName', (a) => a.projectName],
  ['施工许可证 permitNumber', (a) => a.permitNumber ?? ''],
  ['预售许可证 presaleNumber', (a) => a.presaleNumber ?? ''],
  ['预警时间 raisedAt', (a) => a.raisedAt],
  ['逾期天数 daysOverdue', (a) => (a.daysOverdue === null ? '' : String(a.daysOverdue))],
  ['解除时间 clearedAt', (a) => a.clearedAt ?? ''],
  ['跟踪记录数 followUps', (a) => String(a.followUps.length)],
  ['最近措施 latestMeasures', (a) => a.followUps.at(-1)?.measures ?? ''],
];

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break; a leading = + - @ is prefixed
 * with ' so a spreadsheet never runs it as a formula (CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const alertCsvHeader = (): string => COLUMNS.map(([h]) => csvField(h)).join(',');
export const alertCsvRow = (a: AlertV1): string => COLUMNS.map(([, f]) => csvField(f(a))).join(',');
