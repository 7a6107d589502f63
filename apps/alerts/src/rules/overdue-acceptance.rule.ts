import { addDays, startOfChinaDay } from '../clock/china-date';
import { AlertCandidate, latest } from './alert-candidate';

export interface OverdueAcceptanceFacts {
  permit: {
    permitNumber: string;
    projectCode: string;
    projectName: string;
    regionCode: string;
    status: string;
    plannedCompletionDate: string | null;
    firstSeenAt: Date;
    /** from the permit snapshot or an acceptance event, whichever shows one */
    fivePartyAcceptanceDate: string | null;
    completionFilingDate: string | null;
  };
  project: { projectType: string | null; typedAtRegistration: boolean; presaleSince: Date | null } | null;
  presaleLetters: { y: boolean; z: boolean };
}

/**
 * 逾期验收预警 (task 4(2)): a PRESALE project's construction permit whose planned completion date is
 * before today (China date) and that has neither a five-party acceptance date nor a completion filing
 * date (either one clears it). 存量 STOCK for projects with backfilled (Z) permits or marked after
 * registration, 增量 INCREMENT for Y permits or projects typed at registration.
 */
export function overdueAcceptance(f: OverdueAcceptanceFacts, today: string): AlertCandidate | null {
  const { permit, project } = f;
  if (!project || project.projectType !== 'PRESALE') return null;
  if (permit.status !== 'VALID') return null;
  if (!permit.plannedCompletionDate || permit.plannedCompletionDate >= today) return null;
  if (permit.fivePartyAcceptanceDate || permit.completionFilingDate) return null;
  const scope = f.presaleLetters.z
    ? 'STOCK'
    : f.presaleLetters.y || project.typedAtRegistration
      ? 'INCREMENT'
      : 'STOCK';
  return {
    type: 'OVERDUE_ACCEPTANCE',
    subjectKey: permit.permitNumber,
    scope,
    regionCode: permit.regionCode,
    projectCode: permit.projectCode,
    projectName: permit.projectName,
    permitNumber: permit.permitNumber,
    presaleNumber: null,
    plannedCompletionDate: permit.plannedCompletionDate,
    facts: { plannedCompletionDate: permit.plannedCompletionDate },
    // overdue from the day after the planned completion, but never before the platform knew of it
    raisedAt: latest(
      startOfChinaDay(addDays(permit.plannedCompletionDate, 1)),
      permit.firstSeenAt,
      project.presaleSince,
    ),
  };
}
