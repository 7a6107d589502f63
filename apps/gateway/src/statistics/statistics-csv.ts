import { StatisticsRecordV1 } from '@hn/messages';
import { csvField } from '../alerts/alert-csv';

const KIND_NAMES: Record<StatisticsRecordV1['kind'], string> = {
  CONSTRUCTION_PERMIT: '施工许可证',
  PRESALE_PERMIT: '预售许可证',
  PROJECT: '项目',
  CONTRACT_FILING: '网签合同备案',
  ALERT: '预警',
};

const COLUMNS: Array<[string, (r: StatisticsRecordV1) => string]> = [
  ['类别 kind', (r) => `${KIND_NAMES[r.kind]} ${r.kind}`],
  ['编号 key', (r) => r.key],
  ['相关编号 reference', (r) => r.reference ?? ''],
  ['记录区划 regionCode', (r) => r.regionCode],
  ['计入区划 countedUnder', (r) => r.countedUnder],
  ['区划名称 regionName', (r) => r.regionName],
  ['项目代码 projectCode', (r) => r.projectCode ?? ''],
  ['项目名称 projectName', (r) => r.projectName],
  ['日期 date', (r) => r.date ?? ''],
  ['面积(m²) area', (r) => (r.area === null ? '' : r.area.toFixed(2))],
  ['金额(分) amountFen', (r) => (r.amountFen === null ? '' : String(r.amountFen))],
  ['套数 units', (r) => (r.units === null ? '' : String(r.units))],
];

export const statisticsCsvHeader = (): string => COLUMNS.map(([h]) => csvField(h)).join(',');
export const statisticsCsvRow = (r: StatisticsRecordV1): string => COLUMNS.map(([, f]) => csvField(f(r))).join(',');
