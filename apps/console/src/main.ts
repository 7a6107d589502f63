import { accountPage, forcedRoute, withAccountNav } from './account-routes.js';
import { ApiError, SessionExpired } from './api.js';
import { h } from './dom.js';
import { label, ROLES } from './labels.js';
import { currentRoute, go } from './route.js';
import { hasSession, logOut, restoreSession, sessionInfo } from './session.js';
import { HOME_NAV, SUPERVISION_NAV, supervisionPage } from './supervision-routes.js';

const NAV: Array<[string, string]> = [
  ...HOME_NAV,
  ['/alerts', '预警 Alerts'],
  ['/marking', '存量预售项目标记 Stock marking'],
  ['/backfill', '补录预售许可证 Backfill'],
  ...SUPERVISION_NAV,
];

function header(path: string): HTMLElement {
  const info = sessionInfo();
  const nav = h(
    'nav',
    { 'aria-label': '主导航 Main' },
    h(
      'ul',
      {},
      withAccountNav(NAV).map(([p, text]) =>
        h('li', {}, h('a', { href: `#${p}`, 'aria-current': path.startsWith(p) ? 'page' : null }, text)),
      ),
    ),
  );
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'brand' }, '湖南省预售商品房监管平台', h('span', { class: 'en' }, ' Staff console')),
    info ? nav : null,
    info
      ? h(
          'div',
          { class: 'user' },
          h('span', {}, `${info.username}（${label(ROLES, info.role)} ${info.regions.join(',')}）`),
          h(
            'button',
            {
              type: 'button',
              id: 'logout',
              onclick: () => void logOut().then(() => go('/login')),
            },
            '退出 Log out',
          ),
        )
      : null,
  );
}

let renderSeq = 0;

async function render(): Promise<void> {
  const seq = ++renderSeq;
  const route = currentRoute();
  const root = document.getElementById('app')!;
  if (route.path !== '/login' && !hasSession() && !(await restoreSession())) {
    if (seq === renderSeq) go('/login', { next: location.hash.replace(/^#/, '') });
    return;
  }
  if (seq !== renderSeq) return;
  const forced = forcedRoute(route.path);
  if (forced) {
    go(forced);
    return;
  }
  const main = h('main', { id: 'main', tabindex: '-1' });
  root.replaceChildren(
    h('a', { class: 'skip', href: '#main', onclick: skipToMain }, '跳到主要内容 Skip to content'),
    header(route.path),
    main,
    h('footer', { class: 'foot' }, '湖南省住房和城乡建设厅 · 数据以服务器为准 (the server decides every request)'),
  );
  try {
    let page: HTMLElement;
    const detail = /^\/alerts\/([0-9a-fA-F-]{36})$/.exec(route.path);
    // each page's module is loaded when its route is opened (route-level code splitting)
    if (route.path === '/login') page = (await import('./pages/login.js')).loginPage(route.params);
    else if (route.path === '/alerts') page = await (await import('./pages/alerts.js')).alertsPage(route.params);
    else if (detail) page = await (await import('./pages/alert-detail.js')).alertDetailPage(detail[1]!, route.params);
    else if (route.path === '/marking') page = await (await import('./pages/marking.js')).markingPage(route.params);
    else if (/^\/backfill(\/|$)/.test(route.path))
      page = await (await import('./pages/backfill.js')).backfillRoute(route.path, route.params);
    else
      page =
        (await supervisionPage(route.path, route.params)) ??
        (await accountPage(route.path, route.params)) ??
        h('section', {}, h('h1', {}, '页面不存在 Not found'), h('p', {}, h('a', { href: '#/home' }, '返回首页')));
    if (seq !== renderSeq) return; // a newer navigation won
    main.replaceChildren(page);
  } catch (err) {
    if (seq !== renderSeq) return;
    if (err instanceof SessionExpired) {
      go('/login', { expired: '1' });
      return;
    }
    const detail = err instanceof ApiError ? `${err.problem.detail} (${err.problem.code})` : String(err);
    main.replaceChildren(
      h('section', {}, h('h1', {}, '出错了 Error'), h('p', { role: 'alert', class: 'error' }, detail)),
    );
  }
  const h1 = main.querySelector('h1');
  if (h1) document.title = `${h1.textContent ?? ''} - 湖南省预售商品房监管平台`;
}

/** Hash links are the router's: move focus to <main> instead of navigating. */
function skipToMain(event: Event): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

window.addEventListener('hashchange', () => void render());
void render();
