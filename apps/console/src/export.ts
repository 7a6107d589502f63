/**
 * 导出 CSV（全部结果）: a button for a list page that reads EVERY page of the list's result (the same
 * filters as the URL, the route's largest page size), shows the progress in a status line, can be
 * cancelled, and saves the CSV built by `export-core.ts`. The server's scope applies as for the list.
 */
import { ApiError, request } from './api.js';
import { h, saveFile } from './dom.js';
import { buildCsv, ExportCancelled, ExportColumn, ExportTooLarge, ListPage, readAllPages } from './export-core.js';
import { showProblem } from './kit.js';
import { fenToYuan } from './money.js';

export type { ExportColumn } from './export-core.js';

/** The largest page of the list routes built on PageQuery (apps/gateway/src/supervision/dto/supervision-queries.dto.ts: @Max(100)). */
export const PAGE_SIZE_MAX = 100;

/** More rows than a browser should hold and a person read in a spreadsheet: narrow the filters. */
export const EXPORT_LIMIT = 50_000;

export interface ExportSpec<I, R = I> {
  /** the list route, e.g. `/api/v1/supervision/marking` */
  route: string;
  /** the list's filters from the URL (the API's names), without page and pageSize */
  filters: URLSearchParams;
  /** the route's largest page size (the @Max of its query class) */
  maxPageSize: number;
  columns: Array<ExportColumn<R>>;
  /** e.g. `marking` → marking-2026-12-04.csv */
  fileName: string;
  /** an item's identity (a row read twice is dropped, the result reported as changed) */
  key: (item: I) => string;
  /** the CSV's rows of one item (default: the item itself), e.g. one line per permit of a project */
  rows?: (item: I) => R[];
  /** what the result counts, e.g. 个施工许可证 (default 条) */
  unit?: string;
}

/** 分 → 元 with two decimals, ungrouped (a spreadsheet reads it as a number); empty when there is none. */
export function yuanCell(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '' : fenToYuan(fen, false);
}

const grouped = (n: number): string => n.toLocaleString('en-US');

/** The button, its cancel button, a progress bar and the status line (role=status). */
export function exportControl<I, R = I>(spec: ExportSpec<I, R>, id = 'export-csv'): HTMLElement {
  const button = h('button', { type: 'button', id }, '导出 CSV（全部结果）Export');
  const cancel = h('button', { type: 'button', id: `${id}-cancel`, hidden: true }, '取消导出 Cancel');
  const progress = h('progress', { id: `${id}-progress`, max: 1, value: 0, hidden: true, 'aria-label': '导出进度' });
  const status = h('p', { role: 'status', class: 'status', id: `${id}-status`, tabindex: '-1' });
  let running: AbortController | null = null;
  cancel.addEventListener('click', () => running?.abort());
  button.addEventListener('click', () => {
    if (running) return;
    const controller = new AbortController();
    running = controller;
    button.disabled = true;
    cancel.hidden = false;
    progress.hidden = false;
    progress.removeAttribute('value');
    status.className = 'status';
    status.textContent = '正在导出… (exporting)';
    void runExport(spec, controller.signal, status, progress).finally(() => {
      running = null;
      button.disabled = false;
      cancel.hidden = true;
      progress.hidden = true;
      button.focus();
    });
  });
  return h('div', { class: 'export', role: 'group', 'aria-label': '导出 Export' }, button, cancel, progress, status);
}

async function runExport<I, R>(
  spec: ExportSpec<I, R>,
  signal: AbortSignal,
  status: HTMLElement,
  progress: HTMLProgressElement,
): Promise<void> {
  const unit = spec.unit ?? '条';
  try {
    const result = await readAllPages<I>({
      pageSize: spec.maxPageSize,
      limit: EXPORT_LIMIT,
      key: spec.key,
      signal,
      getPage: (page, pageSize) => fetchPage<I>(spec.route, spec.filters, page, pageSize, signal),
      onProgress: (read, total, lowerBound) => {
        progress.max = Math.max(total, read, 1);
        progress.value = read;
        status.textContent = `已获取 ${grouped(read)} / ${grouped(total)}${lowerBound ? '+' : ''} ${unit} (read ${read} of ${total})`;
      },
    });
    const rows = spec.rows ? result.rows.flatMap(spec.rows) : (result.rows as unknown as R[]);
    const name = `${spec.fileName}-${beijingDate()}.csv`;
    saveFile(new Blob([buildCsv(spec.columns, rows)], { type: 'text/csv;charset=utf-8' }), name);
    const count = `已导出 ${grouped(result.rows.length)} ${unit}到 ${name} (exported ${result.rows.length})`;
    status.textContent = result.changed
      ? `${count}。注意：导出期间结果有变化（开始时共 ${grouped(result.firstTotal)} ${unit}，结束时 ${grouped(result.lastTotal)} ${unit}），文件可能缺少或多出变动的记录，请稍后重新导出核对 (the result changed while exporting)`
      : count;
    status.className = result.changed ? 'status error' : 'status';
  } catch (err) {
    status.className = 'status error';
    if (err instanceof ExportCancelled) status.textContent = '已取消导出，未保存文件 (export cancelled)';
    else if (err instanceof ExportTooLarge)
      status.textContent = `共 ${grouped(err.total)}${err.totalIsLowerBound ? '+' : ''} ${unit}，超过一次导出最多 ${grouped(err.limit)} 条的上限，请缩小筛选范围后再导出 (too many rows: narrow the filters)`;
    else showProblem(err, status);
  }
}

async function fetchPage<I>(
  route: string,
  filters: URLSearchParams,
  page: number,
  pageSize: number,
  signal: AbortSignal,
): Promise<ListPage<I>> {
  const q = new URLSearchParams(filters);
  q.delete('page');
  q.set('page', String(page));
  q.set('pageSize', String(pageSize));
  try {
    return (await (await request(`${route}?${q.toString()}`, { signal })).json()) as ListPage<I>;
  } catch (err) {
    // an aborted fetch surfaces as a network error from request()
    if (signal.aborted && err instanceof ApiError) throw new ExportCancelled();
    throw err;
  }
}

function beijingDate(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
