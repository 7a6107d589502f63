import {
  AcceptanceBackfillDecisionRequest,
  AcceptanceBackfillSubmitRequest,
  AlertDismissalDecisionRequest,
  AlertDismissalRequest,
  AlertFollowUpRequest,
  AlertIdRequest,
  AlertPermitLinkRequest,
} from './alert-requests.message';
import { AcceptanceBackfillInput, AlertFollowUpInput } from './alerts.message';
import { Rpc } from './rpc-map';
import { validateMessage } from './validation/validate-message';

const ALERT = '9C1E7A52-3B4D-4F6A-8E2C-1D0B9A8F7E6D';
const SCAN = { stagingKey: 'k', sha256: 'a'.repeat(64), contentType: 'application/pdf', size: 10, fileName: 'x.pdf' };
const FOLLOW_UP = {
  reason: '主体结构完工后因资金紧张停工三个月',
  measures: '约谈开发企业，督促复工',
  responsiblePerson: '张伟',
  phone: '0731-22334455',
  plannedDate: '2027-03-31',
};
const BACKFILL = { permitNumber: '430223201906200101', kind: 'COMPLETION_FILING', date: '2024-05-10' };

/** The whole body as @RpcHandler validates it: the class, its ValidatedAs part with the part's own class. */
const withPart = (def: typeof Rpc.alertFollowUp | typeof Rpc.acceptanceBackfillSubmit, body: unknown) =>
  validateMessage(def.request!.type, body);

const fieldsOf = async <T extends object>(type: new () => T, value: unknown): Promise<string[]> => {
  const result = await validateMessage(type, value);
  return result.ok ? [] : result.errors.map((e) => e.field).sort();
};

describe(AlertIdRequest.name, () => {
  it('accepts a UUID in either case and lower-cases it', async () => {
    const result = await validateMessage(AlertIdRequest, { alertId: ALERT });
    expect(result).toMatchObject({ ok: true, value: { alertId: ALERT.toLowerCase() } });
  });

  it('refuses a missing or non-UUID id with the path pipe’s reason, and unknown fields', async () => {
    for (const alertId of [undefined, 'not-a-uuid', 5]) {
      const result = await validateMessage(AlertIdRequest, { alertId });
      expect(result.errors).toEqual([{ field: 'alertId', reason: '预警编号须为 UUID (UUID)' }]);
    }
    expect(await fieldsOf(AlertIdRequest, { alertId: ALERT, extra: 1 })).toEqual(['extra']);
  });
});

describe(AlertFollowUpRequest.name, () => {
  it('accepts the id with a follow-up, trimmed as the HTTP body is', async () => {
    const result = await withPart(Rpc.alertFollowUp, {
      alertId: ALERT,
      followUp: { ...FOLLOW_UP, responsiblePerson: ' 张伟 ' },
    });
    expect(result.ok).toBe(true);
    const followUp = result.ok ? (result.value as AlertFollowUpRequest).followUp : null;
    expect(followUp).toBeInstanceOf(AlertFollowUpInput);
    expect(followUp?.responsiblePerson).toBe('张伟');
  });

  it('reports the follow-up’s errors unprefixed, exactly as validating the HTTP body does', async () => {
    const bad = { ...FOLLOW_UP, reason: '长'.repeat(1001), measures: '约谈\t复工', phone: 'call me', extra: 1 };
    const wrapped = await withPart(Rpc.alertFollowUp, { alertId: ALERT, followUp: bad });
    const body = await validateMessage(AlertFollowUpInput, bad);
    expect(wrapped.errors).toEqual(body.errors);
    expect(wrapped.errors.map((e) => e.field).sort()).toEqual(['extra', 'measures', 'phone', 'reason']);
  });

  it('answers an absent follow-up as an empty body, and a non-object one as `body`', async () => {
    const absent = await withPart(Rpc.alertFollowUp, { alertId: ALERT });
    expect(absent.errors).toEqual((await validateMessage(AlertFollowUpInput, undefined)).errors);
    for (const followUp of [[FOLLOW_UP], 'x'])
      expect((await withPart(Rpc.alertFollowUp, { alertId: ALERT, followUp })).errors).toEqual([
        { field: 'body', reason: expect.any(String) },
      ]);
  });

  it('names a bad alertId beside the follow-up, and unknown top-level fields', async () => {
    const result = await withPart(Rpc.alertFollowUp, { alertId: 'x', followUp: FOLLOW_UP, extra: 1 });
    expect(result.errors.map((e) => e.field).sort()).toEqual(['alertId', 'extra']);
  });
});

describe(AlertDismissalRequest.name, () => {
  it('accepts the reason with any scan reference (the service checks it against the staging store)', async () => {
    expect(await fieldsOf(AlertDismissalRequest, { alertId: ALERT, reason: '已线下验收', scan: SCAN })).toEqual([]);
  });

  it('refuses a missing or too long reason and unknown fields', async () => {
    expect(await fieldsOf(AlertDismissalRequest, { alertId: ALERT, scan: SCAN })).toEqual(['reason']);
    expect(
      await fieldsOf(AlertDismissalRequest, { alertId: ALERT, reason: '长'.repeat(1001), scan: SCAN, x: 1 }),
    ).toEqual(['reason', 'x']);
  });
});

describe(AlertDismissalDecisionRequest.name, () => {
  it('accepts APPROVE without a note and REJECT with one', async () => {
    expect(await fieldsOf(AlertDismissalDecisionRequest, { alertId: ALERT, decision: 'APPROVE' })).toEqual([]);
    expect(await fieldsOf(AlertDismissalDecisionRequest, { alertId: ALERT, decision: 'REJECT', note: '不符' })).toEqual(
      [],
    );
  });

  it('refuses an unknown decision and a note with control characters', async () => {
    expect(
      await fieldsOf(AlertDismissalDecisionRequest, { alertId: ALERT, decision: 'RETURN', note: 'a\u0000' }),
    ).toEqual(['decision', 'note']);
  });
});

describe(AlertPermitLinkRequest.name, () => {
  it('accepts a valid permit number and refuses a malformed one', async () => {
    expect(await fieldsOf(AlertPermitLinkRequest, { alertId: ALERT, permitNumber: '430223202406200101' })).toEqual([]);
    expect(await fieldsOf(AlertPermitLinkRequest, { alertId: ALERT, permitNumber: '12' })).toEqual(['permitNumber']);
  });
});

describe(AcceptanceBackfillSubmitRequest.name, () => {
  it('accepts the submission with its scan', async () => {
    expect((await withPart(Rpc.acceptanceBackfillSubmit, { submission: BACKFILL, scan: SCAN })).ok).toBe(true);
  });

  it('reports the submission’s errors unprefixed, as validating the upload’s data part does', async () => {
    const bad = { ...BACKFILL, kind: 'NOPE', date: '2999-01-01', extra: 1 };
    const wrapped = await withPart(Rpc.acceptanceBackfillSubmit, { submission: bad, scan: SCAN });
    expect(wrapped.errors).toEqual((await validateMessage(AcceptanceBackfillInput, bad)).errors);
    expect(wrapped.errors.map((e) => e.field).sort()).toEqual(['date', 'extra', 'kind']);
  });
});

describe(AcceptanceBackfillDecisionRequest.name, () => {
  it('accepts APPROVE and RETURN, refuses other decisions and a bad id', async () => {
    const backfillId = '3f0e6f4a-8a51-4a3b-9d5b-1c2d3e4f5a6b';
    expect(await fieldsOf(AcceptanceBackfillDecisionRequest, { backfillId, decision: 'APPROVE' })).toEqual([]);
    expect(await fieldsOf(AcceptanceBackfillDecisionRequest, { backfillId, decision: 'RETURN', note: '补充' })).toEqual(
      [],
    );
    const bad = await validateMessage(AcceptanceBackfillDecisionRequest, { backfillId: 'x', decision: 'REJECT' });
    expect(bad.errors).toEqual([
      { field: 'backfillId', reason: '补录编号须为 UUID (UUID)' },
      { field: 'decision', reason: expect.stringContaining('APPROVE') },
    ]);
  });
});
