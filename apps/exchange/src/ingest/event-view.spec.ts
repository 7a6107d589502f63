import { buildCloudEvent } from '@hn/eventing';
import { presalePermitFixture } from '@hn/testing';
import { projectEvent } from './event-view';

describe('the pushed view of a presale event', () => {
  it('keeps the CloudEvent id and takes only data-view fields (presaleNumber always), nothing outside the catalogue', () => {
    const permit = { ...presalePermitFixture('430223202406200101-Y01'), buyers: [{ idNumber: '430223199001011234' }] };
    const event = buildCloudEvent({
      source: '/hn/presale',
      type: 'hn.presale.permit.issued.v1',
      subject: 'x',
      data: { permit },
    });
    const pushed = projectEvent(event, ['projectName', 'issueDate']);
    expect(pushed).toMatchObject({
      id: event.id,
      type: event.type,
      time: event.time,
      subject: '430223202406200101-Y01',
    });
    expect(pushed.data).toEqual({
      permit: { presaleNumber: '430223202406200101-Y01', projectName: permit.projectName, issueDate: permit.issueDate },
    });
    expect(JSON.stringify(pushed)).not.toContain('430223199001011234');
  });

  it('projects a correction from its `after` with reason and report number, never the old values or who corrected', () => {
    const after = presalePermitFixture('430223202406200101-Y01');
    const event = buildCloudEvent({
      source: '/hn/presale',
      type: 'hn.presale.permit.corrected.v1',
      subject: 'x',
      data: {
        after,
        before: { projectName: 'old' },
        reason: '笔误',
        documentNumber: '湘建〔2026〕1号',
        correctedBy: 'admin.a',
        correctedAt: '2026-12-01T00:00:00.000Z',
      },
    });
    const pushed = projectEvent(event, ['projectName']);
    expect(pushed.data).toEqual({
      permit: { presaleNumber: after.presaleNumber, projectName: after.projectName },
      reason: '笔误',
      documentNumber: '湘建〔2026〕1号',
      correctedAt: '2026-12-01T00:00:00.000Z',
    });
  });

  it('projects an escrow record and a signing statistic on their prefixed fields, never who entered them', () => {
    const record = {
      presaleNumber: '430223202406200101-Y01',
      regionCode: '430223',
      projectName: '锦绣星城三期',
      balance: 12_000_000_00,
      bank: '中国建设银行攸县支行',
      enteredBy: 'youxian.a',
      commitmentLetterScan: { sha256: 'x' },
    };
    const escrow = buildCloudEvent({
      source: '/hn/escrow',
      type: 'hn.escrow.record.recorded.v1',
      subject: 'x',
      data: { record },
    });
    expect(projectEvent(escrow, ['escrow.balance', 'escrow.bank', 'balance', 'projectName']).data).toEqual({
      escrow: { presaleNumber: record.presaleNumber, balance: record.balance, bank: record.bank },
    });
    const corrected = buildCloudEvent({
      source: '/hn/escrow',
      type: 'hn.escrow.record.corrected.v1',
      subject: 'x',
      data: {
        after: record,
        before: { balance: 1 },
        reason: '笔误',
        documentNumber: 'D1',
        correctedBy: 'a',
        correctedAt: 't',
      },
    });
    expect(projectEvent(corrected, ['escrow.balance']).data).toEqual({
      escrow: { presaleNumber: record.presaleNumber, balance: record.balance },
      reason: '笔误',
      documentNumber: 'D1',
      correctedAt: 't',
    });
    const statistic = {
      presaleNumber: record.presaleNumber,
      month: '2026-11',
      contractsSigned: 3,
      enteredBy: 'x',
      submittedBy: 'y',
    };
    const reported = buildCloudEvent({
      source: '/hn/contracts',
      type: 'hn.contracts.statistics.reported.v1',
      subject: record.presaleNumber,
      data: { statistic },
    });
    const pushed = projectEvent(reported, ['signingStatistic.month', 'signingStatistic.contractsSigned']);
    expect(pushed).toMatchObject({ id: reported.id, subject: record.presaleNumber });
    expect(pushed.data).toEqual({
      statistic: { presaleNumber: record.presaleNumber, month: '2026-11', contractsSigned: 3 },
    });
  });
});
