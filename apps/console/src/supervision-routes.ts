/**
 * Routes of the supervision pages (home, escrow, signing statistics, reconciliation, governance
 * backfill, 统计), kept apart from main.ts so other pages add theirs without touching these.
 */

export const HOME_NAV: Array<[string, string]> = [['/home', '首页 Home']];

export const SUPERVISION_NAV: Array<[string, string]> = [
  ['/escrow', '资金监管 Escrow'],
  ['/signing-statistics', '网签统计 Signing'],
  ['/reconciliation', '比对结果 Reconciliation'],
  ['/acceptance-backfills', '验收补录 Acceptance'],
  ['/statistics', '统计 Statistics'],
];

/** Z presale number, e.g. 430223202306150101-Z01 */
const ESCROW_DETAIL = /^\/escrow\/(\d{18}-Z\d{2})$/;

/**
 * The page of one of these routes, or null when the path is not one of them. Each page module is
 * imported when its route opens (route-level code splitting: the first page loads none of them).
 */
export function supervisionPage(path: string, params: URLSearchParams): Promise<HTMLElement> | null {
  const escrow = ESCROW_DETAIL.exec(path);
  if (escrow) return import('./pages/escrow-form.js').then((m) => m.escrowFormPage(escrow[1]!, params));
  switch (path) {
    case '/home':
      return import('./pages/home.js').then((m) => m.homePage());
    case '/escrow':
      return import('./pages/escrow-list.js').then((m) => m.escrowListPage(params));
    case '/signing-statistics':
      return import('./pages/signing-statistics.js').then((m) => m.signingStatisticsPage(params));
    case '/reconciliation':
      return import('./pages/reconciliation.js').then((m) => m.reconciliationPage(params));
    case '/acceptance-backfills':
      return import('./pages/acceptance-backfills.js').then((m) => m.acceptanceBackfillsPage(params));
    case '/statistics':
      return import('./pages/statistics.js').then((m) => m.statisticsPage(params));
    case '/statistics/assessment':
      return import('./pages/statistics-assessment.js').then((m) => m.statisticsAssessmentPage(params));
    case '/statistics/digests':
      return import('./pages/statistics-digests.js').then((m) => m.statisticsDigestsPage(params));
    case '/statistics/records':
      return import('./pages/statistics-records.js').then((m) => m.statisticsRecordsPage(params));
    default:
      return null;
  }
}
