import { approvalOverdue } from './approval-overdue.rule';

const facts = {
  applicationId: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b',
  stage: 'PRELIMINARY_REVIEW' as const,
  regionCode: '430223',
  projectCode: '2024-430223-70-03-012345',
  projectName: '锦绣星城三期',
  committedDays: 2,
  statutoryDays: 3,
  elapsedDays: 2,
  overdueAt: new Date('2025-09-24T01:00:00Z'),
  endedAt: null,
};

describe(approvalOverdue.name, () => {
  it('holds while the stage is published overdue and not left, one alert per case and stage', () => {
    expect(approvalOverdue(facts)).toMatchObject({
      type: 'APPROVAL_OVERDUE',
      subjectKey: `${facts.applicationId}/PRELIMINARY_REVIEW`,
      regionCode: '430223',
      projectName: '锦绣星城三期',
      raisedAt: facts.overdueAt,
      facts: { stage: 'PRELIMINARY_REVIEW', stageName: '初审', elapsedDays: 2, committedDays: 2 },
    });
  });

  it('clears when the stage is left, also when the ended event came first', () => {
    expect(approvalOverdue({ ...facts, endedAt: new Date('2025-09-25T01:00:00Z') })).toBeNull();
    expect(approvalOverdue({ ...facts, overdueAt: null, endedAt: new Date('2025-09-25T01:00:00Z') })).toBeNull();
  });
});
