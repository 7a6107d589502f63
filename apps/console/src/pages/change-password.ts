import { ApiError, postJson, SessionExpired } from '../api.js';
import { field, h, showFieldErrors } from '../dom.js';
import { focusLater, statusLine } from '../kit.js';
import { go } from '../route.js';
import { passwordChangePending, restoreSession, sessionInfo } from '../session.js';

/**
 * 修改密码. Forced after the first login of an account created with a one-time password (the token
 * may do nothing else until then); open to every staff member from the menu otherwise. The reply's new
 * token replaces the session's (every older token is refused by the server from now on).
 */
export function changePasswordPage(params: URLSearchParams): HTMLElement {
  const pending = passwordChangePending();
  const message = h('div', { role: 'alert', class: 'error', id: 'password-error', tabindex: '-1' });
  const current = h('input', {
    name: 'currentPassword',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const next = h('input', {
    name: 'newPassword',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 10,
    maxlength: 128,
  });
  const again = h('input', {
    name: 'confirmPassword',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, '修改密码 Change password');
  const form = h(
    'form',
    { class: 'login card', novalidate: true, id: 'password-form' },
    field(pending ? '初始密码 One-time password' : '当前密码 Current password', current),
    field('新密码 New password', next),
    field('再次输入新密码 Repeat the new password', again),
    h(
      'p',
      { class: 'hint', id: 'password-rules' },
      '至少 10 位，须同时包含字母和数字，不得包含用户名，不能与当前密码相同。',
    ),
    submit,
    message,
  );
  next.setAttribute('aria-describedby', `${next.id}-error password-rules`);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    const local: Array<{ field: string; reason: string }> = [];
    if (!current.value) local.push({ field: 'currentPassword', reason: '请输入当前密码 (required)' });
    if (next.value.length < 10)
      local.push({ field: 'newPassword', reason: '新密码至少 10 位 (at least 10 characters)' });
    else if (!/[A-Za-z]/.test(next.value) || !/\d/.test(next.value))
      local.push({ field: 'newPassword', reason: '须同时包含字母和数字 (letters and digits)' });
    if (again.value !== next.value)
      local.push({ field: 'confirmPassword', reason: '两次输入的新密码不一致 (the two entries differ)' });
    showFieldErrors(form, local);
    if (local.length) return;
    submit.disabled = true;
    void (async () => {
      try {
        // the gateway sets the new session cookie; the old token is refused from now on
        await postJson<unknown>('/api/v1/auth/password', { currentPassword: current.value, newPassword: next.value });
        if (!(await restoreSession())) throw new SessionExpired('登录已失效，请重新登录 (session expired)');
        go('/password', { changed: '1' });
      } catch (err) {
        submit.disabled = false;
        if (err instanceof SessionExpired) {
          go('/login', { expired: '1' });
          return;
        }
        current.value = '';
        if (err instanceof ApiError) {
          const unplaced = showFieldErrors(form, err.problem.errors ?? []);
          message.textContent = [err.problem.detail, ...unplaced].join('；');
        } else message.textContent = String(err);
        if (!err || !(err instanceof ApiError) || !(err.problem.errors ?? []).length) message.focus();
      }
    })();
  });
  const info = sessionInfo();
  const done = statusLine(
    'password-changed',
    params.get('changed') && !pending ? '密码已修改，此前的登录均已失效 (password changed)' : '',
  );
  focusLater(done);
  return h(
    'section',
    { class: 'narrow' },
    h('h1', {}, '修改密码 Change password'),
    pending
      ? h(
          'p',
          { class: 'lock-warning', id: 'password-forced' },
          `${info?.username ?? ''}：首次登录须先修改审批时发给您的初始密码，修改前不能使用其他功能。`,
        )
      : h('p', { class: 'hint' }, `${info?.username ?? ''} 修改本人登录密码；修改后其他已登录的页面须重新登录。`),
    done,
    done.textContent ? h('p', {}, h('a', { href: '#/home', id: 'to-home' }, '进入首页 Go to the home page')) : null,
    form,
  );
}
