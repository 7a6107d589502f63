/**
 * Routes of the supervision pages (home, escrow, signing statistics, reconciliation, governance
 * backfill), kept apart from main.ts so other pages add theirs without touching these.
 */
import { acceptanceBackfillsPage } from './pages/acceptance-backfills.js';
import { escrowFormPage } from './pages/escrow-form.js';
import { escrowListPage } from './pages/escrow-list.js';
import { homePage } from './pages/home.js';
import { reconciliationPage } from './pages/reconciliation.js';
import { signingStatisticsPage } from './pages/signing-statistics.js';

export const HOME_NAV: Array<[string, string]> = [['/home', '首页 Home']];

export const SUPERVISION_NAV: Array<[string, string]> = [
  ['/escrow', '资金监管 Escrow'],
  ['/signing-statistics', '网签统计 Signing'],
  ['/reconciliation', '比对结果 Reconciliation'],
  ['/acceptance-backfills', '验收补录 Acceptance'],
];

/** Z presale number, e.g. 430223202306150101-Z01 */
const ESCROW_DETAIL = /^\/escrow\/(\d{18}-Z\d{2})$/;

/** The page of one of these routes, or null when the path is not one of them. */
export function supervisionPage(path: string, params: URLSearchParams): Promise<HTMLElement> | null {
  const escrow = ESCROW_DETAIL.exec(path);
  if (escrow) return escrowFormPage(escrow[1]!, params);
  switch (path) {
    case '/home':
      return homePage();
    case '/escrow':
      return escrowListPage(params);
    case '/signing-statistics':
      return signingStatisticsPage(params);
    case '/reconciliation':
      return reconciliationPage(params);
    case '/acceptance-backfills':
      return acceptanceBackfillsPage(params);
    default:
      return null;
  }
}
