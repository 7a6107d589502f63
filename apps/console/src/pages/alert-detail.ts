import { ApiError, getJson, postJson } from '../api.js';
import { field, formatTime, h, showFieldErrors } from '../dom.js';
import { ALERT_SCOPES, ALERT_STATES, ALERT_TYPES, label } from '../labels.js';
import { go, href } from '../route.js';
import { canWrite } from '../session.js';
import { dismissalSection } from './alert-dismissal.js';
import { Alert } from './alerts.js';

interface AlertDetail extends Alert {
  history: Array<{
    at: string;
    fromState: string | null;
    toState: string;
    actor: string;
    cause: { kind: string; eventType?: string; recordId?: string; note?: string };
  }>;
}

const CAUSES: Array<[string, string]> = [
  ['EVENT', '业务事件'],
  ['FOLLOW_UP', '跟踪记录'],
  ['DISMISSAL', '误报核销'],
  ['PERMIT_LINK', '关联施工许可'],
  ['RULE', '规则'],
];
const FACTS: Record<string, string> = {
  plannedCompletionDate: '计划竣工日期',
  localCertificateNumber: '本地预售证号',
  month: '月份',
  countDelta: '套数差',
  areaDelta: '面积差（㎡）',
  amountDeltaFen: '金额差（分）',
  reason: '原因',
};

/** `params` are the list's filters, carried so the back link restores the list. */
export async function alertDetailPage(id: string, params: URLSearchParams, notice = ''): Promise<HTMLElement> {
  const alert = await getJson<AlertDetail>(`/api/v1/supervision/alerts/${id}`);
  const back = h(
    'a',
    { href: href('/alerts', params), class: 'back', id: 'back-to-list' },
    '← 返回预警列表 Back to list',
  );
  const facts: Array<[string, string]> = [
    ['类型', label(ALERT_TYPES, alert.type)],
    ['状态', label(ALERT_STATES, alert.state)],
    ['范围', label(ALERT_SCOPES, alert.scope)],
    ['区划', alert.regionCode],
    ['项目代码', alert.projectCode ?? '—'],
    ['施工许可证', alert.permitNumber ?? '—'],
    ['预售许可证', alert.presaleNumber ?? '—'],
    ['逾期天数', alert.daysOverdue === null ? '—' : String(alert.daysOverdue)],
    ['预警时间', formatTime(alert.raisedAt)],
    ['解除时间', formatTime(alert.clearedAt)],
    ...Object.entries(alert.facts).map(([k, v]): [string, string] => [FACTS[k] ?? k, String(v)]),
  ];
  const section = h(
    'section',
    {},
    back,
    h('h1', {}, alert.projectName || '预警详情'),
    h('p', { role: 'status', class: 'notice', id: 'detail-notice', tabindex: '-1' }, notice),
    h('h2', {}, '预警信息 Facts'),
    h(
      'dl',
      { class: 'facts card' },
      facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
    ),
    h('h2', {}, '跟踪记录 Follow-ups'),
    alert.followUps.length
      ? table(
          '跟踪记录',
          ['记录时间', '记录人', '逾期原因', '采取措施', '责任人', '联系电话', '计划完成'],
          alert.followUps.map((f) => [
            formatTime(f.recordedAt),
            f.recordedBy,
            f.reason,
            f.measures,
            f.responsiblePerson,
            f.phone,
            f.plannedDate,
          ]),
        )
      : h('p', { class: 'empty' }, '暂无跟踪记录 (none yet)'),
    h('h2', {}, '状态历史 History'),
    table(
      '状态历史',
      ['时间', '原状态', '新状态', '操作人', '原因'],
      alert.history.map((e) => [
        formatTime(e.at),
        label(ALERT_STATES, e.fromState),
        label(ALERT_STATES, e.toState),
        e.actor === 'system' ? '系统 system' : e.actor,
        [label(CAUSES, e.cause.kind), e.cause.eventType, e.cause.note].filter(Boolean).join(' · '),
      ]),
    ),
  );
  if (canWrite() && (alert.state === 'OPEN' || alert.state === 'FOLLOWING'))
    section.appendChild(followUpForm(alert, params));
  section.appendChild(
    dismissalSection(alert, async (text) => {
      const fresh = await alertDetailPage(alert.id, params, text);
      document.getElementById('main')?.replaceChildren(fresh);
      fresh.querySelector<HTMLElement>('#detail-notice')?.focus();
    }),
  );
  return section;
}

function table(caption: string, headers: string[], rows: string[][]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-label': caption, tabindex: '0' },
    h(
      'table',
      { class: 'data' },
      h('caption', { class: 'visually-hidden' }, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            r.map((c, i) => h('td', { 'data-label': headers[i] ?? '' }, c)),
          ),
        ),
      ),
    ),
  );
}

function followUpForm(alert: AlertDetail, params: URLSearchParams): HTMLElement {
  const message = h('p', { role: 'alert', class: 'error', id: 'follow-up-error' });
  const form = h(
    'form',
    { class: 'card follow-up', id: 'follow-up-form', novalidate: true, 'aria-labelledby': 'follow-up-title' },
    h('h2', { id: 'follow-up-title' }, '记录跟踪 Record a follow-up'),
    field('逾期原因 Reason', h('textarea', { name: 'reason', rows: 3, maxlength: 1000, required: true })),
    field('采取措施 Measures', h('textarea', { name: 'measures', rows: 3, maxlength: 1000, required: true })),
    field('责任人 Responsible person', h('input', { name: 'responsiblePerson', required: true, autocomplete: 'name' })),
    field('联系电话 Phone', h('input', { name: 'phone', type: 'tel', required: true, autocomplete: 'tel' })),
    field('计划完成日期 Planned date', h('input', { name: 'plannedDate', type: 'date', required: true })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, '保存跟踪记录 Save')),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    const data = new FormData(form);
    const body = Object.fromEntries(
      ['reason', 'measures', 'responsiblePerson', 'phone', 'plannedDate'].map((k) => [k, String(data.get(k) ?? '')]),
    );
    void (async () => {
      try {
        await postJson(`/api/v1/supervision/alerts/${alert.id}/follow-ups`, body);
        // re-read the alert: its state and follow-ups as the server has them now
        const main = document.getElementById('main');
        const fresh = await alertDetailPage(alert.id, params, '已保存跟踪记录 (follow-up recorded)');
        main?.replaceChildren(fresh);
        fresh.querySelector<HTMLElement>('#detail-notice')?.focus();
      } catch (err) {
        if (!(err instanceof ApiError)) {
          go('/login', { expired: '1' });
          return;
        }
        const unplaced = showFieldErrors(form, err.problem.errors ?? []);
        message.textContent = [err.problem.detail, ...unplaced].join('；');
      }
    })();
  });
  return form;
}
