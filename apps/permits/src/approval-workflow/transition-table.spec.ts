import { APPLICANT_ACTIONS, APPLICATION_STATES, APPROVAL_STAGES, STAFF_ACTIONS } from '@hn/messages';
import { allowedActions, findTransition, REVIEW_STAGES, TRANSITIONS } from './transition-table';

const ACTIONS = [...STAFF_ACTIONS, ...APPLICANT_ACTIONS];

describe('approval transition table', () => {
  it('walks PASS from 受理 to 办结 in the work plan order (开工条件审查 before 复审 and 决定)', () => {
    let position = { stage: 'ACCEPTANCE', state: 'SUBMITTED' } as const as { stage: string; state: string };
    const visited = [position.stage];
    for (;;) {
      const rule = findTransition(position as never, 'PASS');
      if (!rule) break;
      position = rule.to;
      visited.push(position.stage);
    }
    expect(visited).toEqual([...APPROVAL_STAGES]);
    expect(position).toEqual({ stage: 'CLOSED', state: 'APPROVED' });
  });

  // every (stage, state, action) pair: exactly the table's rows are allowed, everything else is INVALID_TRANSITION
  const pairs = APPROVAL_STAGES.flatMap((stage) =>
    APPLICATION_STATES.flatMap((state) => ACTIONS.map((action) => ({ stage, state, action }))),
  );
  it.each(pairs)('$stage / $state / $action', ({ stage, state, action }) => {
    const expected = TRANSITIONS.filter(
      (t) => t.from.stage === stage && t.from.states.includes(state) && t.action === action,
    );
    expect(expected.length).toBeLessThanOrEqual(1);
    const rule = findTransition({ stage, state }, action);
    expect(rule).toBe(expected[0]);
    if (stage === 'CLOSED' || ['APPROVED', 'REJECTED', 'WITHDRAWN'].includes(state)) expect(rule).toBeUndefined();
    if (rule) expect(allowedActions({ stage, state })).toContain(action);
    else expect(allowedActions({ stage, state })).not.toContain(action);
  });

  it('gives every review stage PASS, 补正, PAUSE, REJECT; RESUME only when PAUSED; the applicant RESUBMIT only when RETURNED and WITHDRAW until closed', () => {
    for (const stage of REVIEW_STAGES) {
      expect(allowedActions({ stage, state: 'IN_REVIEW' }).sort()).toEqual(
        ['PASS', 'PAUSE', 'REJECT', 'RETURN_FOR_CORRECTION', 'WITHDRAW'].sort(),
      );
      expect(allowedActions({ stage, state: 'RETURNED' }).sort()).toEqual(['RESUBMIT', 'WITHDRAW']);
      expect(allowedActions({ stage, state: 'PAUSED' }).sort()).toEqual(['REJECT', 'RESUME', 'WITHDRAW']);
    }
    expect(TRANSITIONS.filter((t) => t.issuesPermit).map((t) => t.from.stage)).toEqual(['DECISION']);
    // the clock stops only for 补正 and the PAUSE reasons (勘验, 专家评审, 听证)
    expect([...new Set(TRANSITIONS.filter((t) => t.pauses).map((t) => t.action))].sort()).toEqual([
      'PAUSE',
      'RETURN_FOR_CORRECTION',
    ]);
  });
});
