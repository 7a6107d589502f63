import {
  AcceptanceBackfillApprovedEvent,
  AlertClearedEvent,
  AlertDismissedEvent,
  AlertRaisedEvent,
} from './alerts-events.message';
import { AcceptanceBackfillV1, AlertEventV1 } from './alerts';
import { validateEvent } from './validation/validate-event';

const scan = {
  sha256: 'f'.repeat(64),
  contentType: 'application/pdf' as const,
  size: 4096,
  fileName: '竣工验收报告.pdf',
  uploadedAt: '2026-11-02T01:00:00.000Z',
};
/** as alert-evaluator.service.ts publishes it (toAlertV1 + the cause of the change) */
const raised = (): AlertEventV1 => ({
  alert: {
    id: '6f1c2a4e-0000-4000-8000-000000000010',
    type: 'OVERDUE_ACCEPTANCE',
    state: 'OPEN',
    scope: 'INCREMENT',
    regionCode: '430223',
    projectCode: '2024-430223-70-03-012345',
    projectName: '锦绣星城三期',
    permitNumber: '430223202406200101',
    presaleNumber: null,
    raisedAt: '2026-11-02T01:00:00.000Z',
    daysOverdue: 3,
    clearedAt: null,
    facts: { plannedCompletionDate: '2026-06-30' },
    followUps: [],
    dismissal: null,
  },
  cause: { kind: 'EVENT', eventId: 'evt-1', eventType: 'hn.permits.permit.registered.v1' },
});
/** as acceptance-backfill.repository.ts toV1 builds it (note only when given) */
const backfill = (): AcceptanceBackfillV1 => ({
  id: '6f1c2a4e-0000-4000-8000-000000000020',
  permitNumber: '430223202406200101',
  kind: 'FIVE_PARTY',
  date: '2026-10-28',
  projectCode: '2024-430223-70-03-012345',
  projectName: '锦绣星城三期',
  regionCode: '430223',
  state: 'APPROVED',
  scan,
  submittedBy: 'youxian.a',
  submittedAt: '2026-11-01T01:00:00.000Z',
  decidedBy: 'province.e',
  decidedAt: '2026-11-02T01:00:00.000Z',
  decisionNote: null,
});
const fields = async (type: new () => object, data: unknown): Promise<string[]> =>
  (await validateEvent(type, data)).errors.map((e) => e.field);

describe(AlertRaisedEvent.name, () => {
  it('accepts raised, cleared and dismissed alerts with follow-ups, a dismissal and each kind of cause', async () => {
    expect(await fields(AlertRaisedEvent, raised())).toEqual([]);
    const a = raised().alert;
    const cleared = {
      alert: {
        ...a,
        state: 'CLEARED',
        clearedAt: '2026-11-05T01:00:00.000Z',
        followUps: [
          {
            id: 'f1',
            reason: '停工',
            measures: '约谈',
            responsiblePerson: '张伟',
            phone: '0731-22334455',
            plannedDate: '2027-03-31',
            recordedBy: 'youxian.a',
            recordedAt: '2026-11-03T01:00:00.000Z',
          },
        ],
      },
      cause: { kind: 'FOLLOW_UP', recordId: 'f1' },
    };
    expect(await fields(AlertClearedEvent, cleared)).toEqual([]);
    const dismissed = {
      alert: {
        ...a,
        type: 'PRESALE_WITHOUT_PERMIT',
        state: 'DISMISSED',
        scope: null,
        projectCode: null,
        permitNumber: null,
        daysOverdue: null,
        dismissal: {
          id: 'd1',
          state: 'APPROVED',
          reason: '误报',
          evidence: scan,
          requestedBy: 'youxian.a',
          requestedRegion: '430223',
          requestedAt: '2026-11-03T01:00:00.000Z',
          decidedBy: 'zhuzhou.d',
          decidedAt: '2026-11-04T01:00:00.000Z',
          decisionNote: null,
        },
      },
      cause: { kind: 'DISMISSAL', recordId: 'd1' },
    };
    expect(await fields(AlertDismissedEvent, dismissed)).toEqual([]);
    expect(await fields(AlertRaisedEvent, { ...raised(), cause: { kind: 'RULE', note: 'daily date check' } })).toEqual(
      [],
    );
  });

  it('names broken fields of the alert and the cause', async () => {
    const a = raised().alert;
    expect(
      await fields(AlertRaisedEvent, {
        alert: {
          ...a,
          type: 'LATE',
          presaleNumber: '430223202406200101',
          daysOverdue: -1,
          facts: [],
          followUps: [{ id: 'f1', recordedAt: 'x' }],
          dismissal: { id: 'd1', state: 'PENDING' },
        },
        cause: { kind: 'SYSTEM', eventId: null, extra: 1 },
      }),
    ).toEqual(
      expect.arrayContaining([
        'alert.type',
        'alert.presaleNumber',
        'alert.daysOverdue',
        'alert.facts',
        'alert.followUps[0].reason',
        'alert.followUps[0].recordedAt',
        'alert.dismissal.reason',
        'alert.dismissal.evidence',
        'cause.extra',
        'cause.kind',
        'cause.eventId',
      ]),
    );
    expect(await fields(AlertRaisedEvent, { alert: a })).toEqual(['cause']);
  });
});

describe(AcceptanceBackfillApprovedEvent.name, () => {
  it('accepts the approved backfill, with or without a note', async () => {
    expect(await fields(AcceptanceBackfillApprovedEvent, { backfill: backfill() })).toEqual([]);
    const noted = { ...backfill(), note: '项目 2019 年线下验收', kind: 'COMPLETION_FILING' };
    expect(await fields(AcceptanceBackfillApprovedEvent, { backfill: noted })).toEqual([]);
  });

  it('names broken fields', async () => {
    expect(
      await fields(AcceptanceBackfillApprovedEvent, {
        backfill: { ...backfill(), permitNumber: '4302232024062001', kind: 'ONLINE', date: '2026-10-32', note: null },
      }),
    ).toEqual(['backfill.permitNumber', 'backfill.kind', 'backfill.date', 'backfill.note']);
    expect(await fields(AcceptanceBackfillApprovedEvent, { backfill: [] })).toEqual(['backfill']);
  });
});
