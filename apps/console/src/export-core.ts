/**
 * The full-result export of a list (issue 12: every page of the result, not the page on screen), without
 * the DOM so it is unit-tested in node: the CSV text (UTF-8 BOM, CRLF, RFC 4180 quoting, formula cells
 * neutralised) and the page-by-page reading of the result (progress, cancellation, a size limit, and
 * whether the result changed while it was read). `export.ts` adds the button, the status and the download.
 */

/** A cell as a column gives it: text, a number, yes/no, or empty. */
export type CellValue = string | number | boolean | null | undefined;

export interface ExportColumn<T> {
  /** Chinese header with the English beside it, e.g. `项目名称 projectName`. */
  header: string;
  value: (row: T) => CellValue;
}

/** A plain decimal number (a negative amount is a number, not a formula, and stays as it is). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
/** What a spreadsheet would start a formula (or DDE) with (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 field: a text beginning with = + - @ tab or CR gets a leading ' (Excel and WPS then
 * show it as text, never run it); quoted when it holds a comma, quote, CR or LF, inner quotes doubled.
 */
export function csvCell(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  const text = String(value);
  const safe = FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: BOM (so Excel reads UTF-8 Chinese), the header line, one line per row, every line ended by CRLF. */
export function buildCsv<T>(columns: Array<ExportColumn<T>>, rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One page of a list route's answer (`total` may be a lower bound above the server's count cap). */
export interface ListPage<T> {
  items: T[];
  total: number;
  totalIsLowerBound?: boolean;
}

export interface ReadAllOptions<T> {
  /** page n (1-based) of the result at `pageSize` rows */
  getPage: (page: number, pageSize: number) => Promise<ListPage<T>>;
  /** the route's largest page size (its query class's @Max) */
  pageSize: number;
  /** more rows than this are refused before they are read */
  limit: number;
  /** the row's identity, to drop a row read twice when rows move between pages meanwhile */
  key?: (row: T) => string;
  signal?: AbortSignal;
  onProgress?: (read: number, total: number, totalIsLowerBound: boolean) => void;
}

export interface ReadAllResult<T> {
  rows: T[];
  /** the total the first page reported, and the last page */
  firstTotal: number;
  lastTotal: number;
  /** the result changed while it was read: another total, a row read twice, or a number of rows other than the total */
  changed: boolean;
}

/** More rows than the export may hold: the user narrows the filters. */
export class ExportTooLarge extends Error {
  constructor(
    readonly total: number,
    readonly limit: number,
    readonly totalIsLowerBound = false,
  ) {
    super(`共 ${total}${totalIsLowerBound ? '+' : ''} 条，超过导出上限 ${limit} 条 (too many rows)`);
  }
}

export class ExportCancelled extends Error {
  constructor() {
    super('已取消导出 (export cancelled)');
  }
}

/**
 * Every row of the result, page after page at the route's largest page size; stops at the page count
 * the first page announced, or (total a lower bound) at the first short page. Checks the limit before
 * reading on and the signal before each page.
 */
export async function readAllPages<T>(options: ReadAllOptions<T>): Promise<ReadAllResult<T>> {
  const { getPage, pageSize, limit, key, signal } = options;
  const check = (): void => {
    if (signal?.aborted) throw new ExportCancelled();
  };
  check();
  const first = await getPage(1, pageSize);
  check();
  const lowerBound = first.totalIsLowerBound === true;
  if (first.total > limit) throw new ExportTooLarge(first.total, limit, lowerBound);
  const rows: T[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const add = (items: T[]): void => {
    for (const row of items) {
      const k = key?.(row);
      if (k !== undefined) {
        if (seen.has(k)) {
          duplicates++;
          continue;
        }
        seen.add(k);
      }
      rows.push(row);
    }
  };
  add(first.items);
  let last = first;
  options.onProgress?.(rows.length, first.total, lowerBound);
  const pages = Math.ceil(first.total / pageSize);
  for (let page = 2; lowerBound ? last.items.length === pageSize : page <= pages; page++) {
    check();
    last = await getPage(page, pageSize);
    check();
    add(last.items);
    if (rows.length > limit) throw new ExportTooLarge(rows.length, limit, true);
    options.onProgress?.(rows.length, last.total, last.totalIsLowerBound === true);
  }
  const changed =
    last.total !== first.total ||
    duplicates > 0 ||
    (!lowerBound && rows.length !== first.total) ||
    last.totalIsLowerBound !== first.totalIsLowerBound;
  return { rows, firstTotal: first.total, lastTotal: last.total, changed };
}
