import type { AlertScopeV1, AlertTypeV1 } from '@hn/messages';

/** What a rule says should be open for one subject; null from a rule means "nothing to raise, clear if open". */
export interface AlertCandidate {
  type: AlertTypeV1;
  /** the fact the alert is about: permit number, unpermitted project id, difference id, presale number */
  subjectKey: string;
  scope: AlertScopeV1 | null;
  regionCode: string;
  projectCode: string | null;
  projectName: string;
  permitNumber: string | null;
  presaleNumber: string | null;
  plannedCompletionDate: string | null;
  facts: Record<string, unknown>;
  /** derived from the facts alone (not from when it was evaluated), so a rebuild gives the same time */
  raisedAt: Date;
}

export const latest = (...instants: Array<Date | null | undefined>): Date =>
  new Date(Math.max(...instants.filter((d): d is Date => d instanceof Date).map((d) => d.getTime())));
