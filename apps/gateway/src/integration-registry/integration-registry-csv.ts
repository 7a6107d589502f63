import { regionName } from '@hn/numbering';
import { csvField } from '../alerts/alert-csv';
import type { RegistryEntryView } from './integration-registry-view';

const named = (code: string): string => `${regionName(code) ?? ''} ${code}`.trim();

/** The columns of 附件3 预售许可取号对接工作责任表, in its order. */
const COLUMNS: Array<[string, (e: RegistryEntryView) => string]> = [
  ['市州 city', (e) => named(e.cityCode)],
  ['技术单位 vendor', (e) => e.vendor.name],
  ['统一社会信用代码 creditCode', (e) => e.vendor.creditCode],
  ['技术人员 technicians', (e) => e.vendor.technicians.map((t) => `${t.name} ${t.phone}`).join('；')],
  ['使用该系统的县市区 counties', (e) => e.counties.map(named).join('、')],
  ['使用该系统的其他市州 otherCities', (e) => e.otherCities.map(named).join('、')],
  ['责任处室 office', (e) => e.office.name],
  ['处室负责人 head', (e) => `${e.office.head} ${e.office.headPhone}`],
  ['联系人 contact', (e) => `${e.contact.name} ${e.contact.phone}`],
  ['联调状态 integration', (e) => `${e.integration.stateName} ${e.integration.state}`],
  ['联调通过日期 sandboxPassedOn', (e) => e.integration.sandboxPassedOn ?? ''],
  ['联调技术人员 technician', (e) => e.integration.technician ?? ''],
  ['上线日期 liveOn', (e) => e.integration.liveOn ?? ''],
  ['对接凭据 clientId', (e) => e.vendor.clientId ?? ''],
];

/** UTF-8 with BOM (Excel opens it as is), CRLF lines, formula-safe fields. */
export function registryCsv(entries: readonly RegistryEntryView[]): string {
  const lines = [COLUMNS.map(([h]) => csvField(h)).join(',')];
  for (const e of entries) lines.push(COLUMNS.map(([, f]) => csvField(f(e))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
