import type { ApplicationState, ApprovalAction, ApprovalStage } from '@hn/messages';

/** Who may take an action: the reviewing staff or the applicant (the approval system). */
export type ActorKind = 'STAFF' | 'APPLICANT';

/** The review stages in order (CLOSED is the end, not a stage one works in). */
export const REVIEW_STAGES = [
  'ACCEPTANCE',
  'PRELIMINARY_REVIEW',
  'QUALITY_SAFETY_FILING',
  'START_CONDITIONS_REVIEW',
  'SECOND_REVIEW',
  'DECISION',
] as const satisfies readonly ApprovalStage[];
export type ReviewStage = (typeof REVIEW_STAGES)[number];

/** Where a case is: its stage and its state there. */
export interface CasePosition {
  stage: ApprovalStage;
  state: ApplicationState;
}

export interface TransitionRule {
  from: { stage: ReviewStage; states: readonly ApplicationState[] };
  action: Exclude<ApprovalAction, 'SUBMIT'>;
  actor: ActorKind;
  to: CasePosition;
  /** PASS at DECISION: the permit number is issued */
  issuesPermit?: true;
  /** the clock stops (补正 until RESUBMIT, 勘验/专家评审/听证 until RESUME); leaving PAUSED/RETURNED restarts it */
  pauses?: true;
}

const OPEN: readonly ApplicationState[] = ['SUBMITTED', 'IN_REVIEW'];

/**
 * The whole workflow as data: PASS moves to the next stage (at DECISION it closes APPROVED and
 * issues the permit), RETURN_FOR_CORRECTION keeps the stage and waits for the applicant (补正),
 * RESUBMIT brings the case back to the same stage, PAUSE (勘验/专家评审/听证) stops the clock until
 * RESUME, REJECT (不予许可) and WITHDRAW (撤回) close it (also while paused).
 * Anything not listed is INVALID_TRANSITION; a CLOSED case accepts nothing.
 */
export const TRANSITIONS: readonly TransitionRule[] = Object.freeze(
  REVIEW_STAGES.flatMap((stage, i): TransitionRule[] => {
    const next = REVIEW_STAGES[i + 1];
    return [
      next
        ? { from: { stage, states: OPEN }, action: 'PASS', actor: 'STAFF', to: { stage: next, state: 'IN_REVIEW' } }
        : {
            from: { stage, states: OPEN },
            action: 'PASS',
            actor: 'STAFF',
            to: { stage: 'CLOSED', state: 'APPROVED' },
            issuesPermit: true,
          },
      {
        from: { stage, states: OPEN },
        action: 'RETURN_FOR_CORRECTION',
        actor: 'STAFF',
        to: { stage, state: 'RETURNED' },
        pauses: true,
      },
      {
        from: { stage, states: [...OPEN, 'PAUSED'] },
        action: 'REJECT',
        actor: 'STAFF',
        to: { stage: 'CLOSED', state: 'REJECTED' },
      },
      { from: { stage, states: OPEN }, action: 'PAUSE', actor: 'STAFF', to: { stage, state: 'PAUSED' }, pauses: true },
      { from: { stage, states: ['PAUSED'] }, action: 'RESUME', actor: 'STAFF', to: { stage, state: 'IN_REVIEW' } },
      {
        from: { stage, states: ['RETURNED'] },
        action: 'RESUBMIT',
        actor: 'APPLICANT',
        to: { stage, state: 'IN_REVIEW' },
      },
      {
        from: { stage, states: [...OPEN, 'RETURNED', 'PAUSED'] },
        action: 'WITHDRAW',
        actor: 'APPLICANT',
        to: { stage: 'CLOSED', state: 'WITHDRAWN' },
      },
    ];
  }),
);

/** The rule for an action at a position, or undefined (→ 409 INVALID_TRANSITION). */
export function findTransition(position: CasePosition, action: string): TransitionRule | undefined {
  return TRANSITIONS.find(
    (t) => t.from.stage === position.stage && t.from.states.includes(position.state) && t.action === action,
  );
}

/** The actions the table allows at a position (for the 409's detail). */
export function allowedActions(position: CasePosition): string[] {
  return TRANSITIONS.filter((t) => t.from.stage === position.stage && t.from.states.includes(position.state)).map(
    (t) => t.action,
  );
}

/** Stages whose acting users must all differ (初审, 复审, 决定). */
export const SEPARATED_STAGES: readonly ReviewStage[] = ['PRELIMINARY_REVIEW', 'SECOND_REVIEW', 'DECISION'];

/** Stages where a PRESALE case's capital guarantee and escrow are strictly reviewed before it may pass. */
export const STRICT_REVIEW_STAGES: readonly ReviewStage[] = ['START_CONDITIONS_REVIEW', 'DECISION'];
