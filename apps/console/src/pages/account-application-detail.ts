import { getJson, postJson } from '../api.js';
import { APPLICATION_STATES, PERMISSIONS } from '../account-labels.js';
import { confirmDialog } from '../dialog.js';
import { Child, formatTime, h } from '../dom.js';
import { dataTable, filterParams, focusLater, role, setFlash, showProblem, statusLine, takeFlash } from '../kit.js';
import { label } from '../labels.js';
import { go, href } from '../route.js';
import { APPLICATION_FILTERS, AccountApplication } from './account-applications.js';

interface Approval {
  application: AccountApplication;
  accounts: Array<{ personId: string; name: string; username: string; oneTimePassword: string | null }>;
  alreadyApproved: boolean;
}

const EDITABLE = ['DRAFT', 'RETURNED'];

/**
 * One application: the form's facts and persons (ID numbers masked by the server), and what the
 * user's role may do in its state — the city 修改 / 报送省厅, the province 批准 / 退回. After 批准
 * the accounts and their one-time passwords are shown on this page once (never stored by the console).
 */
export async function applicationDetailPage(id: string, params: URLSearchParams): Promise<HTMLElement> {
  const a = await getJson<AccountApplication>(`/api/v1/account-applications/${id}`);
  const listParams = filterParams(params, [...APPLICATION_FILTERS, 'page']);
  const notice = statusLine('application-notice', takeFlash());
  focusLater(notice);
  const result = statusLine('application-result');
  const section = h(
    'section',
    {},
    h(
      'a',
      { href: href('/account-applications', listParams), class: 'back', id: 'back-to-applications' },
      '← 返回申请列表 Back to list',
    ),
    h('h1', {}, `账号申请 ${a.countyName}（${a.countyCode}）`),
    notice,
  );
  let shown = [facts(a), personsTable(a)];
  section.append(...shown);
  /** The form as the server now has it (after 批准: 已批准, the persons' new accounts). */
  const show = (next: AccountApplication): void => {
    const fresh = [facts(next), personsTable(next)];
    shown.forEach((el, i) => el.replaceWith(fresh[i]!));
    shown = fresh;
  };
  const actions = h('div', { class: 'toolbar', id: 'application-actions' });
  const reload = (): void => go(`/account-applications/${id}`, listParams);
  if (role() === 'CITY' && EDITABLE.includes(a.state)) {
    actions.append(
      h(
        'a',
        { class: 'button', href: href(`/account-applications/${id}/edit`, listParams), id: 'edit-application' },
        '修改 Edit',
      ),
    );
    const submit = h('button', { type: 'button', class: 'primary', id: 'submit-application' }, '报送省厅 Submit');
    submit.addEventListener('click', () => void submitToProvince(a, submit, result, reload));
    actions.append(submit);
  }
  if ((role() === 'PROVINCE' || role() === 'ADMIN') && a.state === 'SUBMITTED') {
    const approve = h(
      'button',
      { type: 'button', class: 'primary', id: 'approve-application' },
      '批准并创建账号 Approve',
    );
    const reject = h('button', { type: 'button', id: 'return-application' }, '退回 Return');
    approve.addEventListener('click', () => void approveApplication(a, approve, reject, section, result, show));
    reject.addEventListener('click', () => void returnApplication(a, result, reload));
    actions.append(approve, reject);
  }
  if (actions.childElementCount) section.appendChild(actions);
  section.appendChild(result);
  return section;
}

function facts(a: AccountApplication): HTMLElement {
  const rows: Array<[string, Child]> = [
    [
      '状态',
      h('span', { class: `state application-${a.state}`, id: 'application-state' }, label(APPLICATION_STATES, a.state)),
    ],
    ['市州', `${a.cityName}（${a.cityCode}）`],
    ['县市区', `${a.countyName}（${a.countyCode}）`],
    ['局主要领导审签', a.mainLeader],
    ['分管领导审签', a.leaderInCharge],
    ['工作联系人', `${a.contactName} ${a.contactMobile}`],
    ['填报', `${a.createdBy} · ${formatTime(a.createdAt)}；最后修改 ${a.updatedBy} · ${formatTime(a.updatedAt)}`],
    ['报送', a.submittedBy ? `${a.submittedBy} · ${formatTime(a.submittedAt)}` : '—'],
    ['审批', a.decidedBy ? `${a.decidedBy} · ${formatTime(a.decidedAt)}` : '—'],
  ];
  if (a.returnReason)
    rows.push(['退回原因', h('span', { class: 'lock-warning', id: 'return-reason' }, a.returnReason)]);
  return h(
    'div',
    { class: 'card' },
    h('h2', {}, '申请表 Form'),
    h(
      'dl',
      { class: 'facts' },
      rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
    ),
  );
}

function personsTable(a: AccountApplication): HTMLElement {
  return dataTable(
    'persons-table',
    `标记补录责任人 ${a.persons.length} 名（身份证号已脱敏）`,
    ['姓名', '手机号', '身份证号', '单位名称', '单位代码', '申请权限', '账号'],
    a.persons.map((p) => ({
      attrs: { 'data-person': p.id },
      cells: [
        p.name,
        h('span', { class: 'num' }, p.mobile),
        h('span', { class: 'num' }, p.idNumber),
        p.unitIsPermitAuthority ? `${p.unitName}（发证机关）` : p.unitName,
        p.unitCreditCode ? h('span', { class: 'num' }, p.unitCreditCode) : '—',
        p.permissions.map((c) => label(PERMISSIONS, c)).join('、'),
        p.username ?? '—',
      ],
    })),
    '标记补录责任人 Responsible persons',
  );
}

async function submitToProvince(
  a: AccountApplication,
  button: HTMLButtonElement,
  result: HTMLElement,
  reload: () => void,
): Promise<void> {
  const ok = await confirmDialog({
    title: `报送省厅：${a.countyName}`,
    body: [
      h('p', {}, `将报送 ${a.persons.length} 名标记补录责任人：${a.persons.map((p) => p.name).join('、')}。`),
      h('p', {}, '报送后不能再修改；省厅批准后为每人创建一个县市区账号，退回的可修改后重新报送。'),
    ],
    confirm: '报送 Submit',
  });
  if (ok === null) return;
  button.disabled = true;
  try {
    await postJson(`/api/v1/account-applications/${a.id}/submit`, {});
    setFlash(`已报送省厅 ${a.countyName} 的申请 (submitted)`);
    reload();
  } catch (err) {
    button.disabled = false;
    showProblem(err, result);
  }
}

async function returnApplication(a: AccountApplication, result: HTMLElement, reload: () => void): Promise<void> {
  const reason = await confirmDialog({
    title: `退回 ${a.cityName} ${a.countyName} 的申请`,
    body: [h('p', {}, '市州修改后可重新报送。请写明需要更正之处。')],
    confirm: '退回 Return',
    input: { label: '退回原因 Reason', required: true, maxlength: 500 },
  });
  if (reason === null) return;
  try {
    await postJson(`/api/v1/account-applications/${a.id}/return`, { reason });
    setFlash(`已退回 ${a.countyName} 的申请 (returned)`);
    reload();
  } catch (err) {
    showProblem(err, result);
  }
}

/** Approves once (the button stays disabled); the one-time passwords are put on the page, nowhere else. */
async function approveApplication(
  a: AccountApplication,
  approve: HTMLButtonElement,
  reject: HTMLButtonElement,
  section: HTMLElement,
  result: HTMLElement,
  show: (next: AccountApplication) => void,
): Promise<void> {
  const ok = await confirmDialog({
    title: `批准 ${a.countyName} 的账号申请`,
    body: [
      h('p', {}, `将为 ${a.persons.length} 名责任人各创建一个县市区账号（${a.countyName} ${a.countyCode}）：`),
      h(
        'ul',
        {},
        a.persons.map((p) => h('li', {}, `${p.name}（${p.mobile}）`)),
      ),
      h('p', {}, '初始密码只在批准后显示这一次，请当场抄送各责任人；首次登录须修改密码。'),
    ],
    confirm: '批准 Approve',
  });
  if (ok === null) return;
  approve.disabled = true;
  reject.disabled = true;
  try {
    const approval = await postJson<Approval>(`/api/v1/account-applications/${a.id}/approve`, {});
    section.querySelector('#application-actions')?.remove();
    show(approval.application);
    section.insertBefore(passwordsPanel(approval), result);
    const heading = section.querySelector<HTMLElement>('#one-time-passwords h2');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  } catch (err) {
    approve.disabled = false;
    reject.disabled = false;
    showProblem(err, result);
  }
}

function passwordsPanel(approval: Approval): HTMLElement {
  return h(
    'div',
    { class: 'card one-time', id: 'one-time-passwords' },
    h('h2', {}, approval.alreadyApproved ? '此申请此前已批准' : '已创建的账号与初始密码'),
    approval.alreadyApproved
      ? h(
          'p',
          { class: 'hint' },
          '账号已在先前的批准中创建，初始密码不再显示；如已遗失，请管理员在“用户与凭据”中重置密码。',
        )
      : h(
          'p',
          { class: 'lock-warning' },
          '初始密码仅显示这一次，离开或刷新本页后无法再查看。请当场抄送各责任人；首次登录须修改密码。',
        ),
    dataTable(
      'accounts-table',
      `共 ${approval.accounts.length} 个账号`,
      ['姓名', '用户名', '初始密码'],
      approval.accounts.map((acc) => ({
        attrs: { 'data-username': acc.username },
        cells: [
          acc.name,
          h('span', { class: 'num' }, acc.username),
          acc.oneTimePassword ? h('code', { class: 'secret' }, acc.oneTimePassword) : '（不再显示）',
        ],
      })),
      '新账号 New accounts',
    ),
  );
}
