import { getJson } from '../api.js';
import { formatTime, h } from '../dom.js';
import { dataTable } from '../kit.js';
import { ALERT_STATES, ALERT_TYPES, label, ROLES } from '../labels.js';
import { href } from '../route.js';
import { sessionInfo } from '../session.js';
import { Alert } from './alerts.js';

interface Figure {
  label: string;
  /** API list path with the query that counts it (pageSize=1: only `total` is read) */
  api: string;
  /** the console page showing that list */
  page: string;
  params: Record<string, string>;
}

const FIGURES: Figure[] = [
  { label: '待处理预警', api: '/api/v1/supervision/alerts?state=OPEN', page: '/alerts', params: { state: 'OPEN' } },
  {
    label: '跟踪中预警',
    api: '/api/v1/supervision/alerts?state=FOLLOWING',
    page: '/alerts',
    params: { state: 'FOLLOWING' },
  },
  ...ALERT_TYPES.map(([type, name]) => ({
    label: `${name}（未关闭）`,
    api: `/api/v1/supervision/alerts?type=${type}`,
    page: '/alerts',
    params: { type },
  })),
  { label: '资金监管未录入', api: '/api/v1/supervision/escrow?state=NONE', page: '/escrow', params: { state: 'NONE' } },
  {
    label: '资金监管草稿未提交',
    api: '/api/v1/supervision/escrow?state=DRAFT',
    page: '/escrow',
    params: { state: 'DRAFT' },
  },
  {
    label: '网签统计草稿未提交',
    api: '/api/v1/supervision/signing-statistics?state=DRAFT',
    page: '/signing-statistics',
    params: { state: 'DRAFT' },
  },
  {
    label: '比对差异待核实',
    api: '/api/v1/supervision/reconciliation?state=OPEN',
    page: '/reconciliation',
    params: { state: 'OPEN' },
  },
  {
    label: '验收日期补录待审核',
    api: '/api/v1/supervision/acceptance-backfills?state=PENDING',
    page: '/acceptance-backfills',
    params: { state: 'PENDING' },
  },
  {
    label: '存量项目未标记',
    api: '/api/v1/supervision/marking?projectType=UNMARKED',
    page: '/marking',
    params: { projectType: 'UNMARKED' },
  },
];

/** 首页: today's figures of the user's region (each the total of a list the server scopes) and the open alerts. */
export async function homePage(): Promise<HTMLElement> {
  const info = sessionInfo();
  const [figures, alerts] = await Promise.all([
    Promise.allSettled(
      FIGURES.map((f) => getJson<{ total: number; totalIsLowerBound?: boolean }>(`${f.api}&page=1&pageSize=1`)),
    ),
    getJson<{ items: Alert[]; total: number }>('/api/v1/supervision/alerts?page=1&pageSize=10').catch(() => null),
  ]);
  const now = formatTime(new Date().toISOString());
  const cards = FIGURES.map((f, i) => {
    const r = figures[i]!;
    const value = r.status === 'fulfilled' ? `${r.value.total}${r.value.totalIsLowerBound ? '+' : ''}` : '—';
    return h(
      'li',
      {},
      h(
        'a',
        { class: `figure card ${value !== '0' && value !== '—' ? 'has-work' : ''}`, href: href(f.page, f.params) },
        h('span', { class: 'figure-value' }, value),
        h('span', { class: 'figure-label' }, f.label),
      ),
    );
  });
  const failed = figures.filter((r) => r.status === 'rejected').length;
  const section = h(
    'section',
    {},
    h('h1', {}, '首页 Home'),
    h(
      'p',
      { class: 'hint' },
      info ? `${info.username}（${label(ROLES, info.role)}，区划 ${info.regions.join('、')}）· ` : '',
      `数据截至 ${now}（北京时间），均为本人区划范围内。`,
    ),
    h('h2', { id: 'figures-title' }, '今日概况 Today'),
    h('ul', { class: 'figures', 'aria-labelledby': 'figures-title', id: 'home-figures' }, cards),
    failed ? h('p', { class: 'hint' }, `${failed} 项暂不可用（服务未响应或无权查看），显示为“—”。`) : null,
    h('h2', {}, '未关闭的预警 Open alerts'),
  );
  if (!alerts) {
    section.appendChild(h('p', { class: 'error', role: 'alert' }, '预警暂不可用 (alerts unavailable)'));
    return section;
  }
  section.appendChild(
    alerts.items.length
      ? dataTable(
          'home-alerts',
          `本区划未关闭的预警共 ${alerts.total} 条，显示最近 ${alerts.items.length} 条`,
          ['类型', '状态', '区划', '项目', '许可证', '逾期天数', '预警时间'],
          alerts.items.map((a) => ({
            attrs: { 'data-alert-id': a.id },
            cells: [
              label(ALERT_TYPES, a.type),
              h('span', { class: `state state-${a.state}` }, label(ALERT_STATES, a.state)),
              a.regionCode,
              h('a', { href: href(`/alerts/${a.id}`) }, a.projectName || '（未命名）'),
              h('span', { class: 'num' }, a.permitNumber ?? a.presaleNumber ?? '—'),
              a.daysOverdue === null ? '—' : String(a.daysOverdue),
              formatTime(a.raisedAt),
            ],
          })),
          '未关闭的预警 Open alerts',
        )
      : h('p', { class: 'empty' }, '本区划没有未关闭的预警 (no open alerts)'),
  );
  section.appendChild(h('p', {}, h('a', { href: '#/alerts' }, '查看全部预警 All alerts →')));
  return section;
}
