import type { PermitField, UnitField } from './import-record';

export interface CsvColumn {
  /** canonical CSV header name (English) */
  name: string;
  /** Chinese header accepted as an alias */
  label: string;
  required: boolean;
  target: { kind: 'permit'; field: PermitField } | { kind: 'unit'; field: UnitField };
}

/**
 * CSV 列定义：表头可以用英文列名，也可以用中文列名（大小写、首尾空格不敏感）。
 * category（项目类别，如 社会投资房建类、政府投资房建类）可省略：省略或留空时取 社会投资房建类。
 * 它不是许可证编号末两位的工程类别代码（01~19）。
 */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { name: 'permitNumber', label: '施工许可证编号', required: true, target: { kind: 'permit', field: 'permitNumber' } },
  { name: 'projectCode', label: '项目代码', required: true, target: { kind: 'permit', field: 'projectCode' } },
  { name: 'projectName', label: '项目名称', required: true, target: { kind: 'permit', field: 'projectName' } },
  { name: 'regionCode', label: '区划代码', required: true, target: { kind: 'permit', field: 'regionCode' } },
  { name: 'projectType', label: '项目类型', required: true, target: { kind: 'permit', field: 'projectType' } },
  { name: 'category', label: '项目类别', required: false, target: { kind: 'permit', field: 'category' } },
  { name: 'developerName', label: '建设单位', required: true, target: { kind: 'permit', field: 'developerName' } },
  {
    name: 'developerCreditCode',
    label: '统一社会信用代码',
    required: true,
    target: { kind: 'permit', field: 'developerCreditCode' },
  },
  { name: 'issueDate', label: '发证日期', required: true, target: { kind: 'permit', field: 'issueDate' } },
  { name: 'startDate', label: '开工日期', required: true, target: { kind: 'permit', field: 'startDate' } },
  {
    name: 'plannedCompletionDate',
    label: '计划竣工日期',
    required: true,
    target: { kind: 'permit', field: 'plannedCompletionDate' },
  },
  {
    name: 'fivePartyAcceptanceDate',
    label: '五方验收日期',
    required: true,
    target: { kind: 'permit', field: 'fivePartyAcceptanceDate' },
  },
  {
    name: 'completionFilingDate',
    label: '竣工备案日期',
    required: true,
    target: { kind: 'permit', field: 'completionFilingDate' },
  },
  { name: 'unitCode', label: '单体编码', required: true, target: { kind: 'unit', field: 'unitCode' } },
  { name: 'unitName', label: '单体名称', required: true, target: { kind: 'unit', field: 'name' } },
  { name: 'floors', label: '层数', required: true, target: { kind: 'unit', field: 'floors' } },
  { name: 'floorArea', label: '建筑面积', required: true, target: { kind: 'unit', field: 'floorArea' } },
];

/** Error field name of a unit value: the CSV column name, or the JSON path ("units[0].floors"). */
export function unitFieldName(path: string, field: UnitField): string {
  if (path) return `${path}.${field}`;
  return field === 'name' ? 'unitName' : field;
}
