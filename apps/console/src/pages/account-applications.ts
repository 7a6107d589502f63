import { ApiError, getJson } from '../api.js';
import { APPLICATION_STATES } from '../account-labels.js';
import { field, formatTime, h, select, showFieldErrors } from '../dom.js';
import { ExportColumn, exportControl, PAGE_SIZE_MAX } from '../export.js';
import { apiQuery, dataTable, filterParams, focusLater, role, statusLine, takeFlash } from '../kit.js';
import { label } from '../labels.js';
import { formParams, go, href } from '../route.js';
import { pager } from './alerts.js';
import { sortable } from '../sort-header.js';

export interface ResponsiblePerson {
  id: string;
  name: string;
  mobile: string;
  /** masked by the server: 430223********1234 */
  idNumber: string;
  unitName: string;
  unitIsPermitAuthority: boolean;
  unitCreditCode: string | null;
  permissions: string[];
  username: string | null;
}

export interface AccountApplication {
  id: string;
  cityCode: string;
  cityName: string;
  countyCode: string;
  countyName: string;
  state: string;
  mainLeader: string;
  leaderInCharge: string;
  contactName: string;
  contactMobile: string;
  persons: ResponsiblePerson[];
  returnReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

interface ApplicationPage {
  items: AccountApplication[];
  page: number;
  pageSize: number;
  total: number;
}

/** The list's filters: the same names as the API's query, kept in the page URL. */
/** The list's URL parameters (the API's names): filters and the column sort. */
export const APPLICATION_FILTERS = ['state', 'countyCode', 'sort'];
const PAGE_SIZE = 20;

/** The CSV of the whole result: the list's columns (the persons by name; their ID numbers are not exported). */
const EXPORT_COLUMNS: Array<ExportColumn<AccountApplication>> = [
  { header: '县市区 countyName', value: (a) => a.countyName },
  { header: '县市区代码 countyCode', value: (a) => a.countyCode },
  { header: '市州 cityName', value: (a) => a.cityName },
  { header: '状态 state', value: (a) => label(APPLICATION_STATES, a.state) },
  { header: '标记补录责任人 persons', value: (a) => a.persons.map((p) => p.name).join('、') },
  { header: '工作联系人 contactName', value: (a) => a.contactName },
  { header: '联系电话 contactMobile', value: (a) => a.contactMobile },
  { header: '最后修改 updatedAt', value: (a) => a.updatedAt },
];

/**
 * 账号申请 (附件2): a city's own forms (新建 for one of its counties), the province's every form
 * (filter 已报送省厅 for those waiting for it).
 */
export async function applicationsPage(params: URLSearchParams): Promise<HTMLElement> {
  const city = role() === 'CITY';
  const filters = h(
    'form',
    { class: 'filters card', role: 'search', 'aria-label': '账号申请筛选 Filters', novalidate: true },
    field('状态 State', select('state', [['', '全部 All'], ...APPLICATION_STATES], params.get('state') ?? '')),
    field(
      '县市区代码 County',
      h('input', {
        name: 'countyCode',
        inputmode: 'numeric',
        maxlength: 6,
        placeholder: '如 430223',
        value: params.get('countyCode') ?? '',
      }),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, '查询 Search'),
      h('button', { type: 'button', onclick: () => go('/account-applications') }, '重置 Reset'),
    ),
  );
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    go('/account-applications', formParams(filters, APPLICATION_FILTERS));
  });
  const notice = statusLine('applications-notice', takeFlash());
  focusLater(notice);
  const section = h(
    'section',
    {},
    h('h1', {}, '账号申请 Account applications'),
    h(
      'p',
      { class: 'hint' },
      city
        ? '附件2《存量预售项目标记补录责任人及权限申请表》：为本市州各县市区填报标记补录责任人，报送省厅审批；批准后每名责任人获得一个县市区账号。'
        : '各市州报送的《存量预售项目标记补录责任人及权限申请表》（附件2）：核对后批准（为每名责任人创建县市区账号并显示一次初始密码）或退回。',
    ),
    filters,
    exportControl({
      route: '/api/v1/account-applications',
      filters: filterParams(params, APPLICATION_FILTERS),
      maxPageSize: PAGE_SIZE_MAX,
      columns: EXPORT_COLUMNS,
      fileName: 'account-applications',
      key: (a: AccountApplication) => a.id,
      unit: '份申请',
    }),
    notice,
  );
  if (city)
    section.appendChild(
      h(
        'div',
        { class: 'toolbar' },
        h('a', { class: 'button', href: '#/account-applications/new', id: 'new-application' }, '新建申请 New'),
      ),
    );
  let page: ApplicationPage;
  try {
    page = await getJson<ApplicationPage>(
      `/api/v1/account-applications?${apiQuery(params, APPLICATION_FILTERS, PAGE_SIZE)}`,
    );
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const unplaced = showFieldErrors(filters, err.problem.errors ?? []);
    section.appendChild(h('p', { role: 'alert', class: 'error' }, [err.problem.detail, ...unplaced].join('；')));
    return section;
  }
  const listParams = filterParams(params, [...APPLICATION_FILTERS, 'page']);
  const rows = page.items.map((a) => ({
    attrs: { 'data-application': a.id },
    cells: [
      `${a.countyName}（${a.countyCode}）`,
      a.cityName,
      h('span', { class: `state application-${a.state}` }, label(APPLICATION_STATES, a.state)),
      a.persons.map((p) => p.name).join('、'),
      `${a.contactName} ${a.contactMobile}`,
      formatTime(a.updatedAt),
      h(
        'a',
        { href: href(`/account-applications/${a.id}`, listParams) },
        '查看',
        h('span', { class: 'visually-hidden' }, ` ${a.countyName} ${label(APPLICATION_STATES, a.state)}`),
      ),
    ],
  }));
  const current = Number(params.get('page') || '1');
  const pages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
  section.appendChild(
    page.items.length
      ? dataTable(
          'applications-table',
          `共 ${page.total} 份申请（第 ${current} / ${pages} 页）`,
          [
            sortable('县市区', 'countyCode'),
            '市州',
            sortable('状态', 'state'),
            '标记补录责任人',
            '工作联系人',
            sortable('最后修改', 'updatedAt'),
            '操作',
          ],
          rows,
          '账号申请列表 Applications',
          { path: '/account-applications', params, keep: APPLICATION_FILTERS },
        )
      : h('p', { class: 'empty' }, '没有符合条件的申请 (no applications match)'),
  );
  section.appendChild(
    pager(current, pages, (p) => {
      const next = filterParams(params, APPLICATION_FILTERS);
      if (p > 1) next.set('page', String(p));
      return href('/account-applications', next);
    }),
  );
  return section;
}
