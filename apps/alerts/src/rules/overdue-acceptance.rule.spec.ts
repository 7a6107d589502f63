import { overdueAcceptance, OverdueAcceptanceFacts } from './overdue-acceptance.rule';

const facts = (
  over: Partial<OverdueAcceptanceFacts['permit']> = {},
  project: Partial<NonNullable<OverdueAcceptanceFacts['project']>> = {},
  letters = { y: false, z: false },
): OverdueAcceptanceFacts => ({
  permit: {
    permitNumber: '430223202406200101',
    projectCode: 'P-1',
    projectName: '锦绣星城',
    regionCode: '430223',
    status: 'VALID',
    plannedCompletionDate: '2026-11-30',
    firstSeenAt: new Date('2024-06-20T02:00:00Z'),
    fivePartyAcceptanceDate: null,
    completionFilingDate: null,
    ...over,
  },
  project: {
    projectType: 'PRESALE',
    typedAtRegistration: true,
    presaleSince: new Date('2024-06-20T02:00:00Z'),
    ...project,
  },
  presaleLetters: letters,
});

describe(overdueAcceptance.name, () => {
  it('raises for a PRESALE project past its planned completion without either acceptance date', () => {
    const c = overdueAcceptance(facts(), '2026-12-03');
    expect(c).toMatchObject({
      type: 'OVERDUE_ACCEPTANCE',
      subjectKey: '430223202406200101',
      scope: 'INCREMENT',
      regionCode: '430223',
    });
    // overdue from the China day after the planned completion date
    expect(c!.raisedAt.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('is not overdue on the planned completion date itself', () => {
    expect(overdueAcceptance(facts(), '2026-11-30')).toBeNull();
    expect(overdueAcceptance(facts(), '2026-12-01')).not.toBeNull();
  });

  it('is cleared by either the five-party acceptance date or the completion filing date', () => {
    expect(overdueAcceptance(facts({ fivePartyAcceptanceDate: '2026-12-01' }), '2026-12-03')).toBeNull();
    expect(overdueAcceptance(facts({ completionFilingDate: '2026-12-02' }), '2026-12-03')).toBeNull();
  });

  it('concerns only PRESALE projects with a valid permit and a planned completion date', () => {
    expect(overdueAcceptance(facts({}, { projectType: 'OTHER' }), '2026-12-03')).toBeNull();
    expect(overdueAcceptance(facts({}, { projectType: null }), '2026-12-03')).toBeNull();
    expect(overdueAcceptance({ ...facts(), project: null }, '2026-12-03')).toBeNull();
    expect(overdueAcceptance(facts({ status: 'REVOKED' }), '2026-12-03')).toBeNull();
    expect(overdueAcceptance(facts({ plannedCompletionDate: null }), '2026-12-03')).toBeNull();
  });

  it('tells stock (Z numbers, or marked after registration) from increment (Y numbers, typed at registration)', () => {
    expect(overdueAcceptance(facts({}, {}, { y: false, z: true }), '2026-12-03')!.scope).toBe('STOCK');
    expect(overdueAcceptance(facts({}, { typedAtRegistration: false }), '2026-12-03')!.scope).toBe('STOCK');
    expect(
      overdueAcceptance(facts({}, { typedAtRegistration: false }, { y: true, z: false }), '2026-12-03')!.scope,
    ).toBe('INCREMENT');
  });

  it('is never raised before the platform knew of the permit or of the project being PRESALE', () => {
    const marked = new Date('2026-12-02T03:00:00Z');
    expect(overdueAcceptance(facts({}, { presaleSince: marked }), '2026-12-03')!.raisedAt).toEqual(marked);
    const seen = new Date('2026-12-02T05:00:00Z');
    expect(overdueAcceptance(facts({ firstSeenAt: seen }), '2026-12-03')!.raisedAt).toEqual(seen);
  });
});
