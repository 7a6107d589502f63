import { getJson } from '../api.js';

export interface MarkingRow {
  permitNumber: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  projectType: string | null;
  markingState: string | null;
  markedBy: string | null;
  issueDate: string;
  startDate: string | null;
  plannedCompletionDate: string | null;
  accepted: boolean;
  actualCompletionDate: string | null;
}

export interface MarkingPage {
  items: MarkingRow[];
  page: number;
  pageSize: number;
  total: number;
  totalIsLowerBound?: boolean;
}

export interface SelectedProject {
  projectCode: string;
  projectName: string;
  regionCode: string;
  projectType: string | null;
  markingState: string | null;
  permitNumbers: string[];
}

/** What 批量标记 and 提交 accept in one request (1–1000 permit numbers, all or nothing). */
export const MAX_PER_REQUEST = 1000;
/** The list API's largest page. */
const FETCH_PAGE_SIZE = 100;

/**
 * The ticked permits, kept while the user pages through one filtered result (so ticks on page 1 and
 * page 3 go into one batch); another filter starts an empty selection. In memory only.
 */
export class MarkingSelection {
  private key = '';
  private readonly rows = new Map<string, MarkingRow>();

  /** The selection of this filter (the query without page and page size); a new filter clears it. */
  forFilters(key: string): this {
    if (key !== this.key) {
      this.key = key;
      this.rows.clear();
    }
    return this;
  }

  has(permitNumber: string): boolean {
    return this.rows.has(permitNumber);
  }

  set(row: MarkingRow, on: boolean): void {
    if (on) this.rows.set(row.permitNumber, row);
    else this.rows.delete(row.permitNumber);
  }

  clear(): void {
    this.rows.clear();
  }

  get size(): number {
    return this.rows.size;
  }

  permitNumbers(): string[] {
    return [...this.rows.keys()];
  }

  /** The ticked permits by project: 标记 and 提交 act on whole projects. */
  projects(): SelectedProject[] {
    const byCode = new Map<string, SelectedProject>();
    for (const r of this.rows.values()) {
      const p = byCode.get(r.projectCode) ?? {
        projectCode: r.projectCode,
        projectName: r.projectName,
        regionCode: r.regionCode,
        projectType: r.projectType,
        markingState: r.markingState,
        permitNumbers: [],
      };
      p.permitNumbers.push(r.permitNumber);
      byCode.set(r.projectCode, p);
    }
    return [...byCode.values()];
  }

  /** Rows just read from the server replace the ticked copies of the same permits. */
  refresh(rows: MarkingRow[]): void {
    for (const r of rows) if (this.rows.has(r.permitNumber)) this.rows.set(r.permitNumber, r);
  }

  /** The server's answer to a batch, withdraw or submit: the ticked rows of those projects as they are now. */
  update(projects: Array<{ projectCode: string; projectType: string | null; markingState?: string | null }>): void {
    for (const p of projects)
      for (const r of this.rows.values())
        if (r.projectCode === p.projectCode) {
          r.projectType = p.projectType;
          if (p.markingState !== undefined) r.markingState = p.markingState;
        }
  }
}

export const markingSelection = new MarkingSelection();

export class SelectionTooLarge extends Error {
  constructor(readonly total: number) {
    super(`共 ${total} 张`);
  }
}

/**
 * Every row of the filtered result, read page by page (100 a page) with progress: the list API
 * gives permit numbers only page by page, and the batch takes them as a list. Refused before the
 * pages are read when the result is larger than one request may carry.
 */
export async function fetchWholeResult(
  filters: URLSearchParams,
  onProgress: (pagesRead: number, pages: number) => void,
): Promise<MarkingRow[]> {
  const query = (page: number): string => {
    const q = new URLSearchParams(filters);
    q.set('page', String(page));
    q.set('pageSize', String(FETCH_PAGE_SIZE));
    return `/api/v1/supervision/marking?${q.toString()}`;
  };
  const first = await getJson<MarkingPage>(query(1));
  if (first.total > MAX_PER_REQUEST || first.totalIsLowerBound) throw new SelectionTooLarge(first.total);
  const pages = Math.max(1, Math.ceil(first.total / FETCH_PAGE_SIZE));
  const rows = [...first.items];
  onProgress(1, pages);
  for (let page = 2; page <= pages; page++) {
    rows.push(...(await getJson<MarkingPage>(query(page))).items);
    onProgress(page, pages);
  }
  return rows;
}
