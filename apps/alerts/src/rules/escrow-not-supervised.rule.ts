import { AlertCandidate, latest } from './alert-candidate';

export interface EscrowFacts {
  presale: {
    presaleNumber: string;
    letter: 'Y' | 'Z';
    projectCode: string;
    projectName: string;
    regionCode: string;
    permitNumbers: string[];
    status: string;
    backfillSubmittedAt: Date | null;
  };
  /** the latest escrow record the escrow service published (published on submit) */
  escrow: { fundSupervision: boolean; state: string; versionAt: Date } | null;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * 未实行资金监管: a backfilled (Z) presale permit whose submitted escrow record says fundSupervision
 * false, or that has no submitted record `graceDays` after its backfill was submitted. A submitted
 * supervised record clears it. (Y permits: once the approval workflow records 是否计划实行预售资金监管.)
 */
export function escrowNotSupervised(f: EscrowFacts, now: Date, graceDays: number): AlertCandidate | null {
  const { presale, escrow } = f;
  if (presale.letter !== 'Z' || presale.status !== 'VALID' || !presale.backfillSubmittedAt) return null;
  const submitted = escrow && escrow.state === 'SUBMITTED' ? escrow : null;
  if (submitted?.fundSupervision) return null;
  const base = {
    type: 'ESCROW_NOT_SUPERVISED' as const,
    subjectKey: presale.presaleNumber,
    scope: 'STOCK' as const,
    regionCode: presale.regionCode,
    projectCode: presale.projectCode || null,
    projectName: presale.projectName,
    permitNumber: presale.permitNumbers[0] ?? null,
    presaleNumber: presale.presaleNumber,
    plannedCompletionDate: null,
  };
  if (submitted) {
    return {
      ...base,
      facts: { reason: 'NOT_SUPERVISED' },
      raisedAt: latest(submitted.versionAt, presale.backfillSubmittedAt),
    };
  }
  const deadline = new Date(presale.backfillSubmittedAt.getTime() + graceDays * DAY_MS);
  if (now.getTime() < deadline.getTime()) return null;
  return { ...base, facts: { reason: 'NO_RECORD', deadline: deadline.toISOString(), graceDays }, raisedAt: deadline };
}
