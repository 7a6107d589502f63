import { buildCloudEvent } from '@hn/eventing';
import { presalePermitFixture } from '@hn/testing';
import { projectEvent } from './presale-view';

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
});
