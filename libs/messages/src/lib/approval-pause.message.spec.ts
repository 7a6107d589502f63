import { ApplicantActionRequest, ApplicationListRequest, ApplicationTransitionRequest } from './approval.message';
import { correctionErrors } from './approval-corrections.message';
import { validateMessage } from './validation/validate-message';

const ID = '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b';

describe('approval pause, correction and list messages', () => {
  it('requires a written notice with its kind for PAUSE and reports it once', async () => {
    const none = await validateMessage(ApplicationTransitionRequest, {
      applicationId: ID,
      action: 'PAUSE',
      opinion: '勘验',
    });
    expect(none.errors).toEqual([{ field: 'notice', reason: expect.stringContaining('书面告知') }]);
    const noKind = await validateMessage(ApplicationTransitionRequest, {
      applicationId: ID,
      action: 'PAUSE',
      opinion: '勘验',
      notice: { noticeNumber: '攸建勘告〔2024〕12号', reason: '现场勘验' },
    });
    expect(noKind.errors.map((e) => e.field)).toEqual(['notice']);
    const bad = await validateMessage(ApplicationTransitionRequest, {
      applicationId: ID,
      action: 'PAUSE',
      opinion: '勘验',
      notice: { kind: 'LUNCH', noticeNumber: '', reason: '现场勘验', date: '2024-02-30' },
    });
    expect(bad.errors.map((e) => e.field).sort()).toEqual(['notice.date', 'notice.kind', 'notice.noticeNumber']);
    const good = await validateMessage(ApplicationTransitionRequest, {
      applicationId: ID,
      action: 'PAUSE',
      opinion: '勘验',
      notice: { kind: 'HEARING', noticeNumber: '攸建听告〔2024〕3号', reason: '申请人要求听证', date: '2024-09-05' },
    });
    expect(good.ok).toBe(true);
  });

  it('takes a notice number on 补正 without a kind and refuses a notice on PASS', async () => {
    const correction = await validateMessage(ApplicationTransitionRequest, {
      applicationId: ID,
      action: 'RETURN_FOR_CORRECTION',
      opinion: '请补正',
      items: ['补充施工合同'],
      notice: { noticeNumber: '攸建补告〔2024〕7号', reason: '材料不全' },
    });
    expect(correction.ok).toBe(true);
    const withKind = await validateMessage(ApplicationTransitionRequest, {
      applicationId: ID,
      action: 'RETURN_FOR_CORRECTION',
      opinion: '请补正',
      items: ['补充施工合同'],
      notice: { kind: 'INSPECTION', noticeNumber: '攸建补告〔2024〕7号', reason: '材料不全' },
    });
    expect(withKind.errors.map((e) => e.field)).toEqual(['notice']);
    const onPass = await validateMessage(ApplicationTransitionRequest, {
      applicationId: ID,
      action: 'PASS',
      opinion: '通过',
      notice: { noticeNumber: 'x', reason: 'y' },
    });
    expect(onPass.errors.map((e) => e.field)).toEqual(['notice']);
  });

  it('accepts corrections on RESUBMIT only, of correctable fields only', async () => {
    const ok = await validateMessage(ApplicantActionRequest, {
      applicationId: ID,
      action: 'RESUBMIT',
      opinion: '已补充',
      corrections: { capitalGuarantee: { applies: true, amountFen: 100 } },
    });
    expect(ok.ok).toBe(true);
    const bad = await validateMessage(ApplicantActionRequest, {
      applicationId: ID,
      action: 'RESUBMIT',
      opinion: '已补充',
      corrections: { projectCode: '2024-430223-70-03-000001' },
    });
    expect(bad.errors.map((e) => e.field)).toEqual(['corrections']);
    const onWithdraw = await validateMessage(ApplicantActionRequest, {
      applicationId: ID,
      action: 'WITHDRAW',
      opinion: '撤回',
      corrections: { area: 1 },
    });
    expect(onWithdraw.errors.map((e) => e.field)).toEqual(['corrections']);
  });

  it('reads overdue=true|false from the query string', async () => {
    const yes = await validateMessage(ApplicationListRequest, { overdue: 'true' });
    expect(yes.ok && yes.value.overdue).toBe(true);
    const no = await validateMessage(ApplicationListRequest, { overdue: 'false' });
    expect(no.ok && no.value.overdue).toBe(false);
    const bad = await validateMessage(ApplicationListRequest, { overdue: 'yes' });
    expect(bad.errors.map((e) => e.field)).toEqual(['overdue']);
  });

  it('names only the action when the action is unknown (no stray notice or corrections problem)', async () => {
    const staff = await validateMessage(ApplicationTransitionRequest, {
      applicationId: ID,
      action: 'APPROVE',
      opinion: 'x',
      notice: { noticeNumber: 'n', reason: 'r' },
    });
    expect(staff.errors.map((e) => e.field)).toEqual(['action']);
    const applicant = await validateMessage(ApplicantActionRequest, {
      applicationId: ID,
      action: 'FIX',
      opinion: 'x',
      corrections: { area: 1 },
    });
    expect(applicant.errors.map((e) => e.field)).toEqual(['action']);
  });

  it('checks corrected fields with the submission class, under corrections., ignoring fields not corrected', async () => {
    expect(await correctionErrors(undefined)).toEqual([]);
    expect(await correctionErrors({ capitalGuarantee: { applies: true, amountFen: 100 } })).toEqual([]);
    const errors = await correctionErrors({
      capitalGuarantee: { applies: 'yes', amountFen: -1, extra: 1 },
      contractor: { name: '某施工单位', creditCode: '91430223MA4Q0ABC10' },
      area: 1.234,
    });
    expect(errors.map((e) => e.field).sort()).toEqual([
      'corrections.area',
      'corrections.capitalGuarantee.amountFen',
      'corrections.capitalGuarantee.applies',
      'corrections.capitalGuarantee.extra',
      'corrections.contractor.creditCode',
    ]);
  });
});
