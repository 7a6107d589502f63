import { escrowNotSupervised, EscrowFacts } from './escrow-not-supervised.rule';

const submittedAt = new Date('2026-10-01T02:00:00Z');
const facts = (escrow: EscrowFacts['escrow'], presale: Partial<EscrowFacts['presale']> = {}): EscrowFacts => ({
  presale: {
    presaleNumber: '430223201906200101-Z01',
    letter: 'Z',
    projectCode: 'P-1',
    projectName: '锦绣星城',
    regionCode: '430223',
    permitNumbers: ['430223201906200101'],
    status: 'VALID',
    backfillSubmittedAt: submittedAt,
    ...presale,
  },
  escrow,
});

describe(escrowNotSupervised.name, () => {
  const later = new Date('2026-12-03T00:00:00Z');

  it('raises for a submitted record without fund supervision', () => {
    const at = new Date('2026-10-05T02:00:00Z');
    const c = escrowNotSupervised(facts({ fundSupervision: false, state: 'SUBMITTED', versionAt: at }), later, 30);
    expect(c).toMatchObject({ type: 'ESCROW_NOT_SUPERVISED', scope: 'STOCK', facts: { reason: 'NOT_SUPERVISED' } });
    expect(c!.raisedAt).toEqual(at);
  });

  it('raises when no record was submitted within the grace days, from the deadline on', () => {
    const before = new Date(submittedAt.getTime() + 30 * 86400000 - 1);
    expect(escrowNotSupervised(facts(null), before, 30)).toBeNull();
    const c = escrowNotSupervised(facts({ fundSupervision: true, state: 'DRAFT', versionAt: submittedAt }), later, 30);
    expect(c).toMatchObject({ facts: { reason: 'NO_RECORD', graceDays: 30 } });
    expect(c!.raisedAt.toISOString()).toBe('2026-10-31T02:00:00.000Z');
  });

  it('is cleared by a submitted supervised record', () => {
    expect(
      escrowNotSupervised(facts({ fundSupervision: true, state: 'SUBMITTED', versionAt: later }), later, 30),
    ).toBeNull();
  });

  it('concerns only valid backfilled (Z) permits whose backfill was submitted', () => {
    expect(escrowNotSupervised(facts(null, { letter: 'Y' }), later, 30)).toBeNull();
    expect(escrowNotSupervised(facts(null, { status: 'CORRECTED' }), later, 30)).toBeNull();
    expect(escrowNotSupervised(facts(null, { backfillSubmittedAt: null }), later, 30)).toBeNull();
  });
});
