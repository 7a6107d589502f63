/**
 * Routes of the account pages (附件2 applications, 修改密码, 审计, 用户与凭据), kept apart from
 * main.ts so the pages of other features add theirs without touching these.
 */
import { passwordChangePending, sessionInfo } from './session.js';

const APPLICATION = /^\/account-applications\/([0-9a-f-]{36})$/;
const APPLICATION_EDIT = /^\/account-applications\/([0-9a-f-]{36})\/edit$/;

/**
 * The menu: `nav` plus the account pages the user's role may use (the server refuses the others
 * anyway); only 修改密码 while the one-time password is unchanged.
 */
export function withAccountNav(nav: Array<[string, string]>): Array<[string, string]> {
  if (passwordChangePending()) return [['/password', '修改密码 Password']];
  return [...nav, ...accountNav()];
}

function accountNav(): Array<[string, string]> {
  const role = sessionInfo()?.role ?? '';
  const nav: Array<[string, string]> = [];
  if (role === 'CITY' || role === 'PROVINCE' || role === 'ADMIN')
    nav.push(['/account-applications', '账号申请 Accounts']);
  if (role === 'PROVINCE' || role === 'ADMIN') nav.push(['/audit', '审计 Audit']);
  if (role === 'ADMIN') nav.push(['/users', '用户与凭据 Users']);
  nav.push(['/password', '修改密码 Password']);
  return nav;
}

/** Where a signed-in user must go first: the change-password page while the one-time password is unchanged. */
export function forcedRoute(path: string): string | null {
  return passwordChangePending() && path !== '/password' && path !== '/login' ? '/password' : null;
}

/**
 * The page of one of these routes, or null when the path is not one of them. Each page is a
 * dynamic import() so the first page loads none of them (first-page-budget.spec.ts).
 */
export function accountPage(path: string, params: URLSearchParams): Promise<HTMLElement> | null {
  const edit = APPLICATION_EDIT.exec(path);
  if (edit) return import('./pages/account-application-form.js').then((m) => m.applicationFormPage(edit[1]!, params));
  const detail = APPLICATION.exec(path);
  if (detail)
    return import('./pages/account-application-detail.js').then((m) => m.applicationDetailPage(detail[1]!, params));
  switch (path) {
    case '/account-applications':
      return import('./pages/account-applications.js').then((m) => m.applicationsPage(params));
    case '/account-applications/new':
      return import('./pages/account-application-form.js').then((m) => m.applicationFormPage(null, params));
    case '/password':
      return import('./pages/change-password.js').then((m) => m.changePasswordPage(params));
    case '/audit':
      return import('./pages/audit.js').then((m) => m.auditPage(params));
    case '/users':
      return import('./pages/users.js').then((m) => m.usersPage());
    default:
      return null;
  }
}
