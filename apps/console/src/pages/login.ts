import { ApiError, postJson } from '../api.js';
import { field, h } from '../dom.js';
import { saveSession, SESSION_PATH, SessionInfo } from '../session.js';

export function loginPage(params: URLSearchParams): HTMLElement {
  const message = h('p', { role: 'alert', class: 'error', id: 'login-error' });
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none' });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h(
    'form',
    { class: 'login card', novalidate: true },
    field('用户名 Username', username),
    field('密码 Password', password),
    h('button', { type: 'submit', class: 'primary' }, '登录 Log in'),
    message,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.textContent = '';
    if (!username.value.trim() || !password.value) {
      message.textContent = '请输入用户名和密码 (username and password required)';
      return;
    }
    void (async () => {
      try {
        // the gateway sets the HttpOnly session cookie; the answer says who is logged in, never the token
        const info = await postJson<SessionInfo>(
          SESSION_PATH,
          { username: username.value.trim(), password: password.value },
          false,
        );
        saveSession(info);
        const next = params.get('next');
        location.hash = next && next.startsWith('/') && !next.startsWith('/login') ? `#${next}` : '#/home';
      } catch (err) {
        message.textContent = err instanceof ApiError ? err.problem.detail : String(err);
        password.value = '';
        password.focus();
      }
    })();
  });
  if (params.get('expired')) message.textContent = '登录已失效，请重新登录 (session expired, log in again)';
  return h(
    'section',
    { class: 'narrow' },
    h('h1', {}, '工作人员登录 Staff login'),
    h('p', { class: 'hint' }, '省、市州、县市区住建部门工作人员使用本人账号登录。'),
    form,
  );
}
