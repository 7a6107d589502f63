import { getJson, postJson } from '../api.js';
import { ACCOUNT_STATUSES } from '../account-labels.js';
import { confirmDialog } from '../dialog.js';
import { formatTime, h } from '../dom.js';
import { dataTable, focusLater, setFlash, showProblem, statusLine, takeFlash, username } from '../kit.js';
import { label, ROLES } from '../labels.js';
import { go } from '../route.js';

interface StaffAccount {
  username: string;
  role: string;
  region: string;
  status: string;
  tokenVersion: number;
  createdAt: string;
  lockedUntil: string | null;
  passwordChangeRequired: boolean;
}

interface Integrator {
  clientId: string;
  name: string;
  status: string;
  regions: string[];
  scopes: string[];
  sandbox: boolean;
  rateLimitPerMinute: number | null;
  createdAt: string;
  secretRotatedAt: string | null;
}

/**
 * 用户与凭据 (ADMIN): staff accounts and integrator credentials with 停用 / 启用 (tokens of a disabled
 * account are refused at once; re-enabling does not revive them), and 重置密码 for a staff account
 * (a new one-time password shown here once).
 */
export async function usersPage(): Promise<HTMLElement> {
  const [staff, integrators] = await Promise.all([
    getJson<{ items: StaffAccount[] }>('/api/v1/admin/staff'),
    getJson<{ items: Integrator[] }>('/api/v1/admin/integrators'),
  ]);
  const notice = statusLine('users-notice', takeFlash());
  focusLater(notice);
  const result = statusLine('users-result');
  const reload = (): void => go('/users');
  const me = username();

  const staffRows = staff.items.map((s) => {
    const actions = h('div', { class: 'row-actions' });
    if (s.status !== 'DELETED' && s.username !== me) {
      const toggle = h(
        'button',
        { type: 'button', class: 'small' },
        s.status === 'ACTIVE' ? '停用' : '启用',
        h('span', { class: 'visually-hidden' }, ` ${s.username}`),
      );
      toggle.addEventListener(
        'click',
        () => void change('staff', s.username, s.status === 'ACTIVE' ? 'disable' : 'enable', result, reload),
      );
      const reset = h(
        'button',
        { type: 'button', class: 'small' },
        '重置密码',
        h('span', { class: 'visually-hidden' }, ` ${s.username}`),
      );
      reset.addEventListener('click', () => void resetPassword(s, result));
      actions.append(toggle, reset);
    }
    return {
      attrs: { 'data-username': s.username },
      cells: [
        h('span', { class: 'num' }, s.username),
        label(ROLES, s.role),
        s.region,
        h('span', { class: `state account-${s.status}` }, label(ACCOUNT_STATUSES, s.status)),
        [s.passwordChangeRequired ? '待修改初始密码' : '', s.lockedUntil ? `锁定至 ${formatTime(s.lockedUntil)}` : '']
          .filter(Boolean)
          .join('；') || '—',
        formatTime(s.createdAt),
        actions.childElementCount ? actions : s.username === me ? '（本人）' : '—',
      ],
    };
  });
  const integratorRows = integrators.items.map((c) => {
    let action: HTMLElement | string = '—';
    if (c.status !== 'DELETED') {
      const toggle = h(
        'button',
        { type: 'button', class: 'small' },
        c.status === 'ACTIVE' ? '停用' : '启用',
        h('span', { class: 'visually-hidden' }, ` ${c.name}`),
      );
      toggle.addEventListener(
        'click',
        () =>
          void change('integrators', c.clientId, c.status === 'ACTIVE' ? 'disable' : 'enable', result, reload, c.name),
      );
      action = toggle;
    }
    return {
      attrs: { 'data-client': c.clientId },
      cells: [
        h('span', { class: 'num' }, c.clientId),
        c.name,
        h('span', { class: `state account-${c.status}` }, label(ACCOUNT_STATUSES, c.status)),
        c.regions.join('、'),
        c.scopes.join(' '),
        c.sandbox ? '联调测试' : '正式',
        c.secretRotatedAt ? formatTime(c.secretRotatedAt) : '—',
        action,
      ],
    };
  });
  return h(
    'section',
    {},
    h('h1', {}, '用户与凭据 Users and credentials'),
    h(
      'p',
      { class: 'hint' },
      '停用后该账号或凭据的令牌立即失效（各网关实例 5 秒内），重新启用也不会恢复旧令牌。新建集成方凭据、轮换密钥请用运维命令或接口（见对接指南）。',
    ),
    notice,
    result,
    h('h2', {}, '工作人员账号 Staff accounts'),
    dataTable(
      'staff-table',
      `共 ${staff.items.length} 个工作人员账号`,
      ['用户名', '角色', '区划', '状态', '说明', '创建时间', '操作'],
      staffRows,
      '工作人员账号 Staff accounts',
    ),
    h('h2', {}, '集成方凭据 Integrator credentials'),
    integrators.items.length
      ? dataTable(
          'integrators-table',
          `共 ${integrators.items.length} 个集成方凭据`,
          ['client_id', '名称', '状态', '区划', '权限范围', '类型', '密钥轮换', '操作'],
          integratorRows,
          '集成方凭据 Integrator credentials',
        )
      : h('p', { class: 'empty' }, '尚无集成方凭据 (no integrator credentials)'),
  );
}

async function change(
  kind: 'staff' | 'integrators',
  id: string,
  action: 'disable' | 'enable',
  result: HTMLElement,
  reload: () => void,
  name = id,
): Promise<void> {
  const what = kind === 'staff' ? `工作人员账号 ${id}` : `集成方凭据 ${name}（${id}）`;
  const ok = await confirmDialog({
    title: `${action === 'disable' ? '停用' : '启用'}${what}`,
    body: [
      h(
        'p',
        {},
        action === 'disable'
          ? '停用后不能再登录或获取令牌，已签发的令牌立即失效。'
          : '启用后可重新登录或获取令牌；停用前签发的令牌不会恢复。',
      ),
    ],
    confirm: action === 'disable' ? '停用 Disable' : '启用 Enable',
  });
  if (ok === null) return;
  try {
    await postJson(`/api/v1/admin/${kind}/${encodeURIComponent(id)}/${action}`, {});
    setFlash(`已${action === 'disable' ? '停用' : '启用'}${what}`);
    reload();
  } catch (err) {
    showProblem(err, result);
  }
}

/** A new one-time password, shown in the status line once (the page does not keep it). */
async function resetPassword(s: StaffAccount, result: HTMLElement): Promise<void> {
  const ok = await confirmDialog({
    title: `重置 ${s.username} 的密码`,
    body: [h('p', {}, '将生成新的初始密码（只显示这一次），该账号已登录的页面立即失效，下次登录须先修改密码。')],
    confirm: '重置 Reset',
  });
  if (ok === null) return;
  try {
    const reset = await postJson<{ username: string; oneTimePassword: string }>(
      `/api/v1/admin/staff/${encodeURIComponent(s.username)}/reset-password`,
      {},
    );
    result.className = 'notice';
    result.replaceChildren(
      `${reset.username} 的新初始密码（仅显示这一次，请当场转交）：`,
      h('code', { class: 'secret', id: 'reset-password' }, reset.oneTimePassword),
    );
    result.focus();
  } catch (err) {
    showProblem(err, result);
  }
}
