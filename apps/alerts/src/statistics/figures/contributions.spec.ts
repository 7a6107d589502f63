import { addContributionChange, noDeltas } from './deltas';
import { filingContribution, permitContribution, presaleContribution, projectContribution } from './contributions';
import { EscrowVersion, FilingVersion, PermitVersion, PresaleVersion, ProjectVersion } from './fact-versions';
import { addInto, Vector } from './figure-vector';
import { Contribution } from './timeline';

// China day D starts at D-1T16:00Z
const at = (day: string, hour = 2): string => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;

const permit = (day: string, event: string, over: Partial<PermitVersion> = {}): PermitVersion => ({
  at: at(day),
  event,
  permitNumber: '430223202406200101',
  projectCode: 'P1',
  projectName: '锦绣星城',
  regionCode: '430223',
  issueDate: '2024-06-20',
  floorArea: 1234567,
  category: '社会投资房建类',
  status: 'VALID',
  ...over,
});
const project = (day: string, event: string, projectType: ProjectVersion['projectType']): ProjectVersion => ({
  at: at(day),
  event,
  projectCode: 'P1',
  projectName: '锦绣星城',
  regionCode: '430223',
  projectType,
});
const presale = (day: string, event: string, over: Partial<PresaleVersion> = {}): PresaleVersion => ({
  at: at(day),
  event,
  presaleNumber: '430223202406200101-Z01',
  letter: 'Z',
  projectCode: 'P1',
  projectName: '锦绣星城',
  regionCode: '430223',
  issueDate: '2024-06-28',
  presaleArea: 1000050,
  unitCount: 120,
  fundSupervision: null,
  superseded: false,
  ...over,
});
const escrow = (day: string, event: string, over: Partial<EscrowVersion> = {}): EscrowVersion => ({
  at: at(day),
  event,
  presaleNumber: '430223202406200101-Z01',
  regionCode: '430223',
  state: 'SUBMITTED',
  capitalGuaranteeFen: 500_000_00,
  commitmentLetter: false,
  fundSupervision: true,
  balanceFen: 12_345_678,
  balanceAsOf: '2024-12-01',
  ...over,
});

/** The figures a contribution adds on `day` (stock rows covering it). */
function onDay(c: Contribution, day: string): Vector {
  const out: Vector = {};
  for (const r of c.stock) if (r.from <= day && (r.to === null || day < r.to)) addInto(out, r.figures);
  return out;
}

describe(permitContribution.name, () => {
  it('counts a permit from the day it was recorded, under the project type of each day', () => {
    const c = permitContribution(
      [permit('2024-07-01', 'a')],
      new Map([['P1', [project('2024-07-01', 'a', null), project('2024-07-10', 'b', 'PRESALE')]]]),
    );
    expect(onDay(c, '2024-06-30')).toEqual({});
    expect(onDay(c, '2024-07-01')).toEqual({
      'permits.count': 1,
      'permits.floorArea': 1234567,
      'permits.byProjectType.UNMARKED': 1,
      'permits.socialInvestment': 1,
    });
    expect(onDay(c, '2024-07-10')).toMatchObject({ 'permits.byProjectType.PRESALE': 1 });
    expect(onDay(c, '2024-07-10')['permits.byProjectType.UNMARKED']).toBeUndefined();
    expect(c.flow).toEqual([
      {
        region: '430223',
        month: '2024-06-01',
        figures: expect.objectContaining({ 'permits.count': 1, 'permits.byProjectType.PRESALE': 1 }),
      },
    ]);
  });

  it('does not depend on the order the versions come in; a revoked permit stops counting', () => {
    const versions = [permit('2024-07-01', 'a'), permit('2024-08-01', 'b', { status: 'REVOKED' })];
    const projects = new Map([['P1', [project('2024-07-01', 'a', 'OTHER')]]]);
    const c = permitContribution(versions, projects);
    expect(permitContribution([...versions].reverse(), projects)).toEqual(c);
    expect(onDay(c, '2024-07-31')['permits.count']).toBe(1);
    expect(onDay(c, '2024-08-01')).toEqual({});
    expect(c.flow).toEqual([]);
  });

  it('within one day takes the later (time, id) version; a permit dated after the day is not counted yet', () => {
    const c = permitContribution(
      [
        permit('2024-07-01', 'b', { issueDate: '2024-07-05' }),
        { ...permit('2024-07-01', 'a'), at: at('2024-07-01', 1) },
      ],
      new Map(),
    );
    expect(onDay(c, '2024-07-04')).toEqual({});
    expect(onDay(c, '2024-07-05')['permits.count']).toBe(1);
  });
});

describe(presaleContribution.name, () => {
  it('a backfilled permit has no escrow record until one is submitted; then its guarantee and balance count', () => {
    const c = presaleContribution(
      [presale('2024-07-01', 'a')],
      [escrow('2024-07-05', 'e1', { state: 'DRAFT' }), escrow('2024-07-08', 'e2')],
    );
    expect(onDay(c, '2024-07-06')).toEqual({
      'presale.z': 1,
      'presale.presaleArea': 1000050,
      'presale.units': 120,
      'escrow.noRecord': 1,
    });
    expect(onDay(c, '2024-07-08')).toEqual({
      'presale.z': 1,
      'presale.presaleArea': 1000050,
      'presale.units': 120,
      'escrow.supervised': 1,
      'escrow.balanceFen': 12_345_678,
      'capitalGuarantee.withAmount': 1,
      'capitalGuarantee.amountFen': 500_000_00,
    });
  });

  it('a Y permit is supervised when it names an account; commitment letter and neither are counted', () => {
    const y = presaleContribution([presale('2024-08-20', 'a', { letter: 'Y', fundSupervision: true })], []);
    expect(onDay(y, '2024-08-20')).toMatchObject({ 'presale.y': 1, 'escrow.supervised': 1 });
    const letter = presaleContribution(
      [presale('2024-07-01', 'a')],
      [escrow('2024-07-01', 'e', { capitalGuaranteeFen: null, commitmentLetter: true, fundSupervision: false })],
    );
    expect(onDay(letter, '2024-07-01')).toMatchObject({
      'escrow.notSupervised': 1,
      'capitalGuarantee.withCommitmentLetter': 1,
    });
    const neither = presaleContribution(
      [presale('2024-07-01', 'a')],
      [escrow('2024-07-01', 'e', { capitalGuaranteeFen: null })],
    );
    expect(onDay(neither, '2024-07-01')).toMatchObject({ 'capitalGuarantee.withNeither': 1 });
  });
});

describe(projectContribution.name, () => {
  it('counts a PRESALE project until a presale permit of it is issued and recorded', () => {
    const c = projectContribution(
      'P1',
      [project('2024-07-01', 'a', 'PRESALE')],
      new Map([['430223202406200101-Z01', [presale('2024-07-20', 's')]]]),
    );
    expect(onDay(c, '2024-07-19')).toEqual({ 'presale.presaleProjectsWithoutPresalePermit': 1 });
    expect(onDay(c, '2024-07-20')).toEqual({});
  });
});

describe(filingContribution.name, () => {
  const filing = (day: string, event: string, over: Partial<FilingVersion> = {}): FilingVersion => ({
    at: at(day),
    event,
    contractNumber: '430223202406200101-Y01-B0001',
    presaleNumber: '430223202406200101-Y01',
    projectCode: 'P1',
    regionCode: '430223',
    filingDate: '2024-09-02',
    floorArea: 8950,
    amountFen: 123_456_700,
    paymentMethod: 'COMBINED',
    status: 'ACTIVE',
    cancelledAt: null,
    ...over,
  });

  it('moves a cancelled filing from the count to the cancellations; flows by filing and cancellation month', () => {
    const c = filingContribution([
      filing('2024-09-02', 'a'),
      filing('2024-10-03', 'b', { status: 'CANCELLED', cancelledAt: at('2024-10-03') }),
    ]);
    expect(onDay(c, '2024-10-02')).toEqual({
      'filings.count': 1,
      'filings.floorArea': 8950,
      'filings.amountFen': 123_456_700,
      'filings.byPaymentMethod.COMBINED': 1,
    });
    expect(onDay(c, '2024-10-03')).toEqual({ 'filings.cancelled': 1 });
    expect(c.flow.map((r) => [r.month, Object.keys(r.figures).sort()])).toEqual([
      ['2024-09-01', ['filings.amountFen', 'filings.byPaymentMethod.COMBINED', 'filings.filed', 'filings.floorArea']],
      ['2024-10-01', ['filings.cancelled']],
    ]);
  });
});

describe(addContributionChange.name, () => {
  it('replacing a contribution changes the daily and monthly sums by exactly the difference', () => {
    const before = filingContribution([
      {
        at: at('2024-09-02'),
        event: 'a',
        contractNumber: '430223202406200101-Y01-B0001',
        presaleNumber: '430223202406200101-Y01',
        projectCode: 'P1',
        regionCode: '430223',
        filingDate: '2024-09-02',
        floorArea: 100,
        amountFen: 1,
        paymentMethod: 'FULL',
        status: 'ACTIVE',
        cancelledAt: null,
      },
    ]);
    const d = addContributionChange(noDeltas(), { stock: [], flow: [] }, before);
    expect(d.daily.get('430223|2024-09-02')).toEqual(before.stock[0]!.figures);
    expect(d.monthly.get('430223|2024-09-01')).toEqual(before.stock[0]!.figures);
    // replaced by itself: nothing changes
    const same = addContributionChange(noDeltas(), before, before);
    expect([same.daily.size, same.monthly.size, same.flow.size]).toEqual([0, 0, 0]);
  });
});
