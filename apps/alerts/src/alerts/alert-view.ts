import { AlertDismissalV1, AlertFollowUpV1, AlertV1 } from '@hn/messages';
import { daysBetween } from '../clock/china-date';
import { AlertRow } from './alerts.repository';

/** An alert row as clients see it; daysOverdue counted to `onDate` (today, or the asOf date). */
export function toAlertV1(
  row: AlertRow,
  onDate: string,
  followUps: AlertFollowUpV1[] = [],
  dismissal: AlertDismissalV1 | null = null,
): AlertV1 {
  const planned = row.planned_completion_date;
  return {
    id: row.id,
    type: row.type,
    state: row.state,
    scope: row.scope,
    regionCode: row.region_code,
    projectCode: row.project_code,
    projectName: row.project_name,
    permitNumber: row.permit_number,
    presaleNumber: row.presale_number,
    raisedAt: row.raised_at.toISOString(),
    daysOverdue: row.type === 'OVERDUE_ACCEPTANCE' && planned ? Math.max(0, daysBetween(planned, onDate)) : null,
    clearedAt: row.cleared_at?.toISOString() ?? null,
    facts: row.facts,
    followUps,
    dismissal,
  };
}
