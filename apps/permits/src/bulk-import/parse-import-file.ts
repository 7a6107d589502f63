import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, type CsvColumn } from './import-columns';
import {
  PERMIT_FIELDS,
  UNIT_FIELDS,
  type ImportFormat,
  type ImportRecord,
  type ImportUnitInput,
  type PermitField,
  type UnitField,
} from './import-record';

/**
 * 读取导入文件（CSV 或 JSON），每条许可证一条记录，保留源行号；不做业务校验（见 validateImportRecord）。
 * Never throws: a whole-file problem (not UTF-8, bad JSON, CSV syntax, missing header column) comes back
 * as a single record whose only problem has row 0.
 */
export function parseImportFile(content: Buffer, format: ImportFormat): ImportRecord[] {
  let text: string;
  try {
    // fatal: reject GBK/ANSI files instead of importing mojibake; the UTF-8 BOM (Excel "CSV UTF-8") is dropped.
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return [
      fileError('file', '文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）” (file is not UTF-8 encoded)'),
    ];
  }
  try {
    if (format === 'csv') return markDuplicates(parseCsv(text));
    if (format === 'json') return markDuplicates(parseJson(text));
    return [fileError('file', `不支持的文件格式 ${String(format)}，应为 csv 或 json (unsupported format)`)];
  } catch (error) {
    // Safety net: nothing escapes as an exception.
    return [fileError('file', `无法读取文件 (cannot read file)：${errorMessage(error)}`)];
  }
}

function fileError(field: string, reason: string): ImportRecord {
  return {
    rows: [0],
    permitNumber: '',
    values: {},
    units: [],
    duplicateRows: [],
    problems: [{ row: 0, field, reason }],
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------- JSON

function parseJson(text: string): ImportRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return [fileError('file', `JSON 格式错误 (invalid JSON)：${errorMessage(error)}`)];
  }
  if (!Array.isArray(data)) {
    return [fileError('file', 'JSON 顶层应为许可证对象数组 (top level must be an array of permit objects)')];
  }
  return data.map((item: unknown, index) => jsonRecord(item, index + 1));
}

function jsonRecord(item: unknown, row: number): ImportRecord {
  const record: ImportRecord = {
    rows: [row],
    permitNumber: '',
    values: {},
    units: [],
    duplicateRows: [],
    problems: [],
  };
  if (!isObject(item)) {
    record.problems.push({ row, field: 'record', reason: '应为许可证对象 (expected an object)' });
    return record;
  }
  for (const field of PERMIT_FIELDS) record.values[field] = item[field];
  record.permitNumber = typeof item['permitNumber'] === 'string' ? item['permitNumber'].trim() : '';
  const units = item['units'];
  if (units === undefined || units === null) return record;
  if (!Array.isArray(units)) {
    record.problems.push({ row, field: 'units', reason: '应为单体数组 (expected an array of units)' });
    return record;
  }
  units.forEach((unit: unknown, i) => {
    const path = `units[${i}]`;
    if (!isObject(unit)) {
      record.problems.push({ row, field: path, reason: '应为单体对象 (expected an object)' });
      return;
    }
    const values: Partial<Record<UnitField, unknown>> = {};
    for (const field of UNIT_FIELDS) values[field] = unit[field];
    record.units.push({ row, path, values });
  });
  return record;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------- CSV

interface CsvRow {
  line: number;
  cells: string[];
}

interface RawCsvRecord {
  record: string[];
  raw: string;
}

function parseCsv(text: string): ImportRecord[] {
  let parsed: RawCsvRecord[];
  try {
    parsed = parse(text, {
      raw: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as RawCsvRecord[];
  } catch (error) {
    return [fileError('file', `CSV 格式错误 (CSV syntax error)：${errorMessage(error)}`)];
  }
  const rows = withLineNumbers(parsed).filter((row) => row.cells.some((cell) => cell !== ''));
  if (rows.length === 0) return [fileError('header', 'CSV 文件为空，缺少表头 (empty file, no header row)')];

  const [header, ...dataRows] = rows;
  const mapping = mapHeader(header.cells);
  if ('error' in mapping) return [fileError('header', mapping.error)];

  const records: ImportRecord[] = [];
  let group: CsvRow[] = [];
  const flush = (): void => {
    if (group.length > 0) records.push(csvRecord(group, mapping.columns, header.cells.length));
    group = [];
  };
  for (const row of dataRows) {
    const permitNumber = cell(row, mapping.columns, 'permitNumber');
    const previous = group.length > 0 ? cell(group[0], mapping.columns, 'permitNumber') : null;
    // Rows are grouped by permit number when consecutive; a row without a number always stands alone.
    if (previous === null || permitNumber === '' || permitNumber !== previous) flush();
    group.push(row);
  }
  flush();
  return records;
}

/** Adds the 1-based line on which each record starts (blank lines and quoted line breaks counted). */
function withLineNumbers(parsed: RawCsvRecord[]): CsvRow[] {
  let consumed = 0;
  return parsed.map(({ record, raw }) => {
    const leadingBlankLines = (/^(?:[ \t]*(?:\r\n|\r|\n))*/.exec(raw)?.[0].match(/\r\n|\r|\n/g) ?? []).length;
    const line = consumed + leadingBlankLines + 1;
    consumed += (raw.match(/\r\n|\r|\n/g) ?? []).length;
    return { line, cells: record };
  });
}

type ColumnIndex = Map<string, { column: CsvColumn; index: number }>;

function mapHeader(cells: string[]): { columns: ColumnIndex } | { error: string } {
  const byName = new Map<string, CsvColumn>();
  for (const column of CSV_COLUMNS) {
    byName.set(column.name.toLowerCase(), column);
    byName.set(column.label, column);
  }
  const columns: ColumnIndex = new Map();
  const repeated: string[] = [];
  cells.forEach((text, index) => {
    const column = byName.get(text.trim().toLowerCase());
    if (!column) return; // unknown columns are ignored
    if (columns.has(column.name)) repeated.push(column.name);
    else columns.set(column.name, { column, index });
  });
  if (repeated.length > 0) {
    return { error: `CSV 表头列重复 (duplicate header columns)：${repeated.join(', ')}` };
  }
  const missing = CSV_COLUMNS.filter((c) => c.required && !columns.has(c.name)).map((c) => c.name);
  if (missing.length > 0) {
    return { error: `CSV 表头缺少必需的列 (missing header columns)：${missing.join(', ')}` };
  }
  return { columns };
}

function cell(row: CsvRow, columns: ColumnIndex, name: string): string {
  const entry = columns.get(name);
  return entry ? (row.cells[entry.index] ?? '') : '';
}

function csvRecord(group: CsvRow[], columns: ColumnIndex, headerLength: number): ImportRecord {
  const first = group[0];
  const record: ImportRecord = {
    rows: group.map((row) => row.line),
    permitNumber: cell(first, columns, 'permitNumber'),
    values: {},
    units: [],
    duplicateRows: [],
    problems: [],
  };
  const permitColumns = CSV_COLUMNS.filter(
    (c): c is CsvColumn & { target: { kind: 'permit'; field: PermitField } } =>
      c.target.kind === 'permit' && columns.has(c.name),
  );
  for (const column of permitColumns) record.values[column.target.field] = cell(first, columns, column.name);

  for (const row of group) {
    const extra = row.cells.slice(headerLength).filter((value) => value !== '');
    if (extra.length > 0) {
      record.problems.push({
        row: row.line,
        field: 'row',
        reason: `该行有 ${row.cells.length} 列，多于表头的 ${headerLength} 列（名称中的逗号需要加英文双引号）(more cells than header columns)`,
      });
    }
    if (row !== first) {
      for (const column of permitColumns) {
        const expected = cell(first, columns, column.name);
        const actual = cell(row, columns, column.name);
        if (actual !== expected) {
          record.problems.push({
            row: row.line,
            field: column.name,
            reason: `同一许可证的各行应重复相同的许可证信息：第 ${first.line} 行为“${expected}”，本行为“${actual}” (permit columns differ between rows of one permit)`,
          });
        }
      }
    }
    const unit = csvUnit(row, columns);
    if (unit) record.units.push(unit);
    else if (group.length > 1) {
      record.problems.push({
        row: row.line,
        field: 'unitCode',
        reason: '单体列为空：有多行的许可证每行应填写一个单体 (empty unit columns on a multi-row permit)',
      });
    }
  }
  return record;
}

function csvUnit(row: CsvRow, columns: ColumnIndex): ImportUnitInput | null {
  const values: Partial<Record<UnitField, unknown>> = {};
  let empty = true;
  for (const column of CSV_COLUMNS) {
    if (column.target.kind !== 'unit') continue;
    const value = cell(row, columns, column.name);
    values[column.target.field] = value;
    if (value !== '') empty = false;
  }
  return empty ? null : { row: row.line, path: '', values };
}

// ---------------------------------------------------------------- duplicates

function markDuplicates(records: ImportRecord[]): ImportRecord[] {
  const byNumber = new Map<string, ImportRecord[]>();
  for (const record of records) {
    if (!record.permitNumber) continue;
    const list = byNumber.get(record.permitNumber);
    if (list) list.push(record);
    else byNumber.set(record.permitNumber, [record]);
  }
  for (const list of byNumber.values()) {
    if (list.length < 2) continue;
    for (const record of list) {
      record.duplicateRows = list.filter((other) => other !== record).map((other) => other.rows[0]);
    }
  }
  return records;
}
