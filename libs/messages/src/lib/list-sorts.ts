import { listSort } from './validation/sort-constraints';

/*
 * The sortable fields of every console list (one `sort` query parameter each: `field` ascending,
 * `-field` descending; absent = the list's default order). The owning repository maps each field to
 * one of its own column names and appends the primary key as tie-breaker.
 */

/** GET /api/v1/supervision/marking (permits service). */
export const MARKING_LIST_SORT = listSort([
  'permitNumber',
  'projectName',
  'regionCode',
  'issueDate',
  'startDate',
  'plannedCompletionDate',
]);

/** GET /api/v1/supervision/backfill/candidates (presale service; one row per project). */
export const BACKFILL_CANDIDATE_SORT = listSort(['projectCode', 'projectName', 'regionCode']);

/** GET /api/v1/supervision/escrow (escrow service). */
export const ESCROW_LIST_SORT = listSort(['presaleNumber', 'projectName', 'regionCode', 'issueDate', 'updatedAt']);

/** GET /api/v1/supervision/reconciliation (contracts service). */
export const RECONCILIATION_SORT = listSort(['foundAt', 'presaleNumber', 'month', 'regionCode']);

/** GET /api/v1/supervision/signing-statistics (contracts service). */
export const SIGNING_STATISTIC_SORT = listSort(['month', 'presaleNumber', 'regionCode', 'updatedAt']);

/** GET /api/v1/supervision/alerts and its CSV export (alerts service). */
export const ALERT_SORT = listSort(['raisedAt', 'type', 'regionCode', 'projectName', 'plannedCompletionDate']);

/** GET /api/v1/supervision/acceptance-backfills (alerts service). */
export const ACCEPTANCE_BACKFILL_SORT = listSort(['submittedAt', 'permitNumber', 'regionCode', 'date']);

/** GET /api/v1/audit (the gateway's own audit log). */
export const AUDIT_SORT = listSort(['at', 'actor', 'action']);

/** GET /api/v1/account-applications (the gateway's account applications). */
export const ACCOUNT_APPLICATION_SORT = listSort(['updatedAt', 'createdAt', 'countyCode', 'state']);
