/** What the 补录预售许可证 pages share: the candidates' shape, the list's filters, the states' names. */
export interface Candidate {
  projectCode: string;
  projectName: string;
  regionCode: string;
  permits: Array<{ permitNumber: string; issueDate: string }>;
  backfilled: Array<{ presaleNumber: string; issueDate: string; backfillState: string; status: string }>;
}

/** The list's URL parameters (the API's names): filters and the projects' sort. */
export const BACKFILL_FILTERS = ['regionCode', 'keyword', 'sort'];
export const BACKFILL_STATES: Array<[string, string]> = [
  ['DRAFT', '草稿（未提交）'],
  ['SUBMITTED', '已提交（锁定）'],
];
export const BACKFILL_STATUSES: Array<[string, string]> = [
  ['VALID', '有效'],
  ['CORRECTED', '已更正'],
  ['WITHDRAWN', '已撤回（编号作废）'],
];

/** The list's filters (and page) of a URL, carried to the form and the issued page so 返回 restores the list. */
export function listParams(params: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams();
  for (const name of [...BACKFILL_FILTERS, 'page']) if (params.get(name)) q.set(name, params.get(name)!);
  return q;
}
