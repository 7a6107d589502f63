/**
 * 预售许可证统一查询 (work plan task 7(3)), the public page at /query/: no login, no cookie, only the
 * public API GET /public/v1/presale-permits. The form is a plain GET form, so the query lives in the
 * address (?by=&q=&page=): a result page can be shared, reloaded and left with the back button.
 */
type Kind = 'presaleNumber' | 'localCertificateNumber' | 'projectName';

interface Item {
  presaleNumber: string;
  status: 'VALID' | 'CORRECTED';
  projectName: string;
  developerName: string;
  address: string;
  regionCode: string;
  regionName: string;
  issuingAuthority: string;
  localCertificateNumber: string;
  issueDate: string;
  verifyPath: string;
}

interface Page {
  items: Item[];
  page: number;
  pageSize: number;
  total: number;
  totalIsLowerBound?: boolean;
}

interface Problem {
  code?: string;
  detail?: string;
  errors?: Array<{ field: string; reason: string }>;
}

const PAGE_SIZE = 20;
const KINDS: Record<Kind, { hint: string; inputMode: string }> = {
  projectName: { hint: '项目名称的一部分，至少 2 个字，如：锦绣', inputMode: 'text' },
  presaleNumber: { hint: '完整的统一编号，如：430223202406200101-Y01', inputMode: 'text' },
  localCertificateNumber: { hint: '证书上的本地编号，如：攸住建预字〔2024〕第015号', inputMode: 'text' },
};

/** Element builder: text always as text, never HTML (the server's data cannot inject markup). */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

const form = byId<HTMLFormElement>('search-form');
const by = byId<HTMLSelectElement>('f-by');
const q = byId<HTMLInputElement>('f-q');
const hint = byId<HTMLParagraphElement>('f-q-hint');
const error = byId<HTMLParagraphElement>('f-q-error');
const results = byId<HTMLElement>('results');
const count = byId<HTMLParagraphElement>('results-count');
const list = byId<HTMLOListElement>('results-list');
const pager = byId<HTMLElement>('pager');

function kindOf(value: string | null): Kind {
  return value === 'presaleNumber' || value === 'localCertificateNumber' ? value : 'projectName';
}

function showHint(): void {
  const kind = KINDS[kindOf(by.value)];
  hint.textContent = kind.hint;
  q.inputMode = kind.inputMode;
}

function showError(text: string | null): void {
  error.hidden = !text;
  error.textContent = text ?? '';
  if (text) q.setAttribute('aria-invalid', 'true');
  else q.removeAttribute('aria-invalid');
}

/** The same rules as the server (which checks again): a whole unified number, or at least 2 characters. */
function termProblem(kind: Kind, term: string): string | null {
  if (!term) return '请输入查询内容 (enter what to search for)';
  if (kind === 'presaleNumber') {
    const m = /^(\d{18})-([YZ])(\d{2})$/.exec(term.toUpperCase());
    return m && m[3] !== '00'
      ? null
      : '统一编号须形如 430223202406200101-Y01：18 位数字、连字符、Y 或 Z 与两位序号 (like 430223202406200101-Y01)';
  }
  return [...term].length >= 2 ? null : '至少输入 2 个字 (at least 2 characters)';
}

function facts(pairs: Array<[string, string]>): HTMLDListElement {
  const dl = el('dl', { class: 'facts' });
  for (const [k, v] of pairs) dl.append(el('dt', {}, k), el('dd', {}, v || '—'));
  return dl;
}

function itemCard(item: Item): HTMLLIElement {
  const badge =
    item.status === 'CORRECTED'
      ? el('span', { class: 'badge corrected' }, '已更正')
      : el('span', { class: 'badge' }, '有效');
  return el(
    'li',
    { 'data-presale-number': item.presaleNumber },
    el('h3', {}, item.projectName, badge),
    facts([
      ['统一编号', item.presaleNumber],
      ['本地证书编号', item.localCertificateNumber],
      ['发证机关', item.issuingAuthority],
      ['发证日期', item.issueDate],
      ['开发企业', item.developerName],
      ['项目坐落', item.address],
      ['所在区划', item.regionName],
    ]),
    // the visible words first in the link's name (WCAG 2.5.3), then which permit, for screen readers
    el(
      'a',
      { class: 'verify', href: item.verifyPath },
      '核验 Verify',
      el('span', { class: 'visually-hidden' }, `：${item.projectName} ${item.presaleNumber}`),
      ' →',
    ),
  );
}

function pageLink(params: URLSearchParams, page: number, text: string, rel: string): HTMLAnchorElement {
  const next = new URLSearchParams(params);
  next.set('page', String(page));
  return el('a', { href: `?${next.toString()}`, rel }, text);
}

function renderPage(data: Page, params: URLSearchParams): void {
  results.hidden = false;
  list.replaceChildren(...data.items.map(itemCard));
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  if (data.total === 0) {
    count.textContent = '未查到符合条件的已生效预售许可证。请核对输入，或换一种查询方式。';
  } else {
    const first = (data.page - 1) * data.pageSize + 1;
    const last = first + data.items.length - 1;
    count.textContent = `共 ${data.total}${data.totalIsLowerBound ? ' 条以上' : ' 条'}，第 ${data.page} / ${pages} 页（第 ${first}–${last} 条）`;
  }
  pager.replaceChildren();
  pager.hidden = pages <= 1;
  if (data.page > 1) pager.append(pageLink(params, data.page - 1, '← 上一页 Previous', 'prev'));
  pager.append(el('span', {}, `第 ${data.page} / ${pages} 页`));
  if (data.page < pages && data.page < 100) pager.append(pageLink(params, data.page + 1, '下一页 Next →', 'next'));
}

function renderFailure(text: string): void {
  results.hidden = false;
  list.replaceChildren();
  pager.hidden = true;
  count.textContent = '';
  count.append(el('span', { class: 'error' }, text));
}

async function search(params: URLSearchParams): Promise<void> {
  count.textContent = '查询中… (searching)';
  results.hidden = false;
  let res: Response;
  try {
    res = await fetch(`/public/v1/presale-permits?${params.toString()}`, {
      headers: { accept: 'application/json' },
      credentials: 'omit',
    });
  } catch {
    renderFailure('无法连接服务器，请检查网络后重试 (network error)');
    return;
  }
  if (res.ok) {
    renderPage((await res.json()) as Page, params);
    return;
  }
  let problem: Problem = {};
  try {
    problem = (await res.json()) as Problem;
  } catch {
    // not a problem document: the status says enough
  }
  if (res.status === 429) {
    const wait = res.headers.get('retry-after');
    renderFailure(`查询过于频繁，请${wait ? ` ${wait} 秒后` : '稍后'}再试 (too many requests)`);
  } else if (res.status === 400 && problem.errors?.length) {
    results.hidden = true;
    showError(problem.errors.map((e) => e.reason).join('；'));
    q.focus();
  } else {
    renderFailure(`${problem.detail ?? '查询暂不可用，请稍后再试'}${problem.code ? ` (${problem.code})` : ''}`);
  }
}

by.addEventListener('change', () => {
  showHint();
  showError(null);
});

form.addEventListener('submit', (event) => {
  const kind = kindOf(by.value);
  const term = q.value.normalize('NFKC').trim();
  const problem = termProblem(kind, term);
  if (problem) {
    event.preventDefault();
    showError(problem);
    q.focus();
    return;
  }
  q.value = kind === 'presaleNumber' ? term.toUpperCase() : term;
  // the browser navigates to ?by=…&q=… (page 1); the new page runs the search
});

const params = new URLSearchParams(location.search);
by.value = kindOf(params.get('by'));
q.value = params.get('q') ?? '';
showHint();
if (params.has('q')) {
  const query = new URLSearchParams({ by: by.value, q: q.value.trim(), pageSize: String(PAGE_SIZE) });
  const page = Number(params.get('page') ?? '1');
  if (Number.isInteger(page) && page > 1) query.set('page', String(page));
  void search(query);
}
