import {
  ConsistencyFigureV1,
  ReportedSigningStatisticV1,
  SIGNING_COMPARISON_FIGURES,
  SOCIAL_INVESTMENT_CATEGORY,
  SourceFigureCountV1,
} from '@hn/messages';
import { currentRegionCode } from '@hn/numbering';
import fc from 'fast-check';
import { chinaDateOf } from '../clock/china-date';
import { compareConsistency } from './consistency/consistency-compare';
import { compareSigningStatistics, IssuedFilingMonth } from './consistency/signing-statistics-compare';
import {
  filingContribution,
  permitContribution,
  presaleContribution,
  projectContribution,
} from './figures/contributions';
import { addContributionChange, Deltas, noDeltas } from './figures/deltas';
import { FilingVersion, PermitVersion, PresaleVersion, ProjectVersion } from './figures/fact-versions';
import { addInto, FLOW_FIGURES, sameVector, STOCK_FIGURES, Vector } from './figures/figure-vector';
import { Contribution, inForce, monthOf, sortVersions, Versioned } from './figures/timeline';
import { countUnderCurrentCodes, RegionNode, rollUp } from './query/region-rollup';

/**
 * Properties of the statistics (issue 13 item 6), over the pure functions the projection and the
 * queries use: for random event sets in random order, (1) the incremental aggregates (contributions
 * applied event by event as deltas, read as months + days) equal a recount from scratch written
 * independently here, every day and for every stock and flow figure; (2) in the roll-up every region
 * is the sum of its children for every field (province = Σ cities = Σ counties and 市本级); (3) the
 * consistency check names exactly the planted differences — filings dropped or cancelled on the
 * source's side, signing statistics altered on the county's side — and nothing else.
 */

// 攸县, 茶陵县, 株洲市本级, 芙蓉区, 长沙市本级 and two retired codes (株洲县 → 渌口区, 宁乡县 → 宁乡市)
const REGIONS = ['430223', '430224', '430200', '430102', '430100', '430221', '430124'];
// across three months, so that a day's figure is read from months before it and days of its month
const DAYS = ['2024-06-29', '2024-06-30', '2024-07-01', '2024-07-02', '2024-07-31', '2024-08-01'];
const TYPES = ['PRESALE', 'OTHER', 'CURRENT_SALE', null] as const;
const METHODS = ['FULL', 'COMMERCIAL_LOAN', 'PROVIDENT_FUND_LOAN', 'COMBINED'] as const;

const instant = fc
  .record({ day: fc.constantFrom(...DAYS), minute: fc.integer({ min: 0, max: 24 * 60 - 1 }) })
  .map(({ day, minute }) => new Date(Date.parse(`${day}T00:00:00+08:00`) + minute * 60_000).toISOString());
const dateIn = fc.constantFrom('2024-06-01', ...DAYS);

type Fact =
  | { kind: 'permit'; v: PermitVersion }
  | { kind: 'project'; v: ProjectVersion }
  | { kind: 'presale'; v: PresaleVersion }
  | { kind: 'filing'; v: FilingVersion };

const projectPlan = fc.record({
  region: fc.constantFrom(...REGIONS),
  typings: fc.array(fc.record({ at: instant, type: fc.constantFrom(...TYPES) }), { maxLength: 3 }),
  permits: fc.array(
    fc.array(
      fc.record({
        at: instant,
        issueDate: dateIn,
        area: fc.integer({ min: 0, max: 9_999_999 }),
        revoked: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
        social: fc.boolean(),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    { maxLength: 2 },
  ),
  presales: fc.array(
    fc.record({
      letter: fc.constantFrom('Y' as const, 'Z' as const),
      versions: fc.array(
        fc.record({
          at: instant,
          issueDate: dateIn,
          area: fc.integer({ min: 0, max: 999_999 }),
          units: fc.nat(300),
          supervised: fc.boolean(),
          superseded: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        }),
        { minLength: 1, maxLength: 2 },
      ),
      filings: fc.array(
        fc.record({
          at: instant,
          filingDate: dateIn,
          area: fc.integer({ min: 1, max: 30_000 }),
          amount: fc.integer({ min: 1, max: 10 ** 9 }),
          method: fc.constantFrom(...METHODS),
          cancelledAt: fc.option(instant),
        }),
        { maxLength: 4 },
      ),
    }),
    { maxLength: 2 },
  ),
});
type ProjectPlan = typeof projectPlan extends fc.Arbitrary<infer T> ? T : never;

/** The versions one project's records are stated in (a cancellation is a second version of its filing). */
function factsOf(plans: readonly ProjectPlan[]): Fact[] {
  const facts: Fact[] = [];
  let event = 0;
  const id = (): string => `e${String((event += 1)).padStart(5, '0')}`;
  plans.forEach((plan, k) => {
    const projectCode = `2024-${plan.region}-70-03-${String(k).padStart(6, '0')}`;
    const base = { projectCode, projectName: `项目${k}`, regionCode: plan.region };
    for (const t of plan.typings)
      facts.push({ kind: 'project', v: { ...base, at: t.at, event: id(), projectType: t.type } });
    plan.permits.forEach((versions, i) => {
      const permitNumber = `${plan.region}20240601${String(k % 100).padStart(2, '0')}${String(i + 1).padStart(2, '0')}`;
      for (const p of versions)
        facts.push({
          kind: 'permit',
          v: {
            ...base,
            at: p.at,
            event: id(),
            permitNumber: `${permitNumber}#${k}`,
            issueDate: p.issueDate,
            floorArea: p.area,
            category: p.social ? SOCIAL_INVESTMENT_CATEGORY : '政府投资房建类',
            status: p.revoked ? 'REVOKED' : 'VALID',
          },
        });
    });
    plan.presales.forEach((s, i) => {
      const presaleNumber = `${plan.region}2024060101${String(k).padStart(2, '0')}-${s.letter}${String(i + 1).padStart(2, '0')}`;
      for (const v of s.versions)
        facts.push({
          kind: 'presale',
          v: {
            ...base,
            at: v.at,
            event: id(),
            presaleNumber,
            letter: s.letter,
            issueDate: v.issueDate,
            presaleArea: v.area,
            unitCount: v.units,
            fundSupervision: s.letter === 'Y' ? v.supervised : null,
            superseded: v.superseded,
          },
        });
      s.filings.forEach((f, j) => {
        const filing: FilingVersion = {
          at: f.at,
          event: id(),
          contractNumber: `${presaleNumber}-B${String(j + 1).padStart(4, '0')}`,
          presaleNumber,
          projectCode,
          regionCode: plan.region,
          filingDate: f.filingDate,
          floorArea: f.area,
          amountFen: f.amount,
          paymentMethod: f.method,
          status: 'ACTIVE',
          cancelledAt: null,
        };
        facts.push({ kind: 'filing', v: filing });
        if (f.cancelledAt && f.cancelledAt > f.at)
          facts.push({
            kind: 'filing',
            v: { ...filing, at: f.cancelledAt, event: id(), status: 'CANCELLED', cancelledAt: f.cancelledAt },
          });
      });
    });
  });
  return facts;
}

/** The incremental side: facts arrive one by one; each recomputes the groups it touches and adds the change. */
class Incremental {
  readonly deltas: Deltas = noDeltas();
  private readonly permits = new Map<string, PermitVersion[]>();
  private readonly projects = new Map<string, ProjectVersion[]>();
  private readonly presales = new Map<string, PresaleVersion[]>();
  private readonly filings = new Map<string, FilingVersion[]>();
  private readonly contributions = new Map<string, Contribution>();

  apply(fact: Fact): void {
    const push = <T>(map: Map<string, T[]>, key: string, v: T): void => void map.set(key, [...(map.get(key) ?? []), v]);
    const touched: string[] = [];
    if (fact.kind === 'permit') {
      push(this.permits, fact.v.permitNumber, fact.v);
      touched.push(`permit|${fact.v.permitNumber}`);
    } else if (fact.kind === 'project') {
      push(this.projects, fact.v.projectCode, fact.v);
      touched.push(`project|${fact.v.projectCode}`);
      for (const [n, list] of this.permits)
        if (list.some((p) => p.projectCode === fact.v.projectCode)) touched.push(`permit|${n}`);
    } else if (fact.kind === 'presale') {
      push(this.presales, fact.v.presaleNumber, fact.v);
      touched.push(`presale|${fact.v.presaleNumber}`, `project|${fact.v.projectCode}`);
    } else {
      push(this.filings, fact.v.contractNumber, fact.v);
      touched.push(`filing|${fact.v.contractNumber}`);
    }
    for (const key of touched) {
      const after = this.contribution(key);
      addContributionChange(this.deltas, this.contributions.get(key) ?? { stock: [], flow: [] }, after);
      this.contributions.set(key, after);
    }
  }

  private contribution(key: string): Contribution {
    const [kind, id] = key.split('|') as [string, string];
    if (kind === 'permit') return permitContribution(this.permits.get(id) ?? [], this.projects);
    if (kind === 'presale') return presaleContribution(this.presales.get(id) ?? [], []);
    if (kind === 'filing') return filingContribution(this.filings.get(id) ?? []);
    const naming = new Map([...this.presales].filter(([, list]) => list.some((s) => s.projectCode === id)));
    return projectContribution(id, this.projects.get(id) ?? [], naming);
  }

  /** A region code's stock figures at the end of `day`: the months before its month, then its days. */
  stockAt(day: string): Map<string, Vector> {
    const out = new Map<string, Vector>();
    const month = monthOf(day);
    const add = (map: Map<string, Vector>, keep: (date: string) => boolean): void => {
      for (const [key, v] of map) {
        const [region, date] = key.split('|') as [string, string];
        if (keep(date)) out.set(region, addInto(out.get(region) ?? {}, v));
      }
    };
    add(this.deltas.monthly, (m) => m < month);
    add(this.deltas.daily, (d) => d >= month && d <= day);
    return out;
  }
}

/** The recount from scratch, written from docs/statistics.md's 口径 without the projection's code. */
function recount(facts: readonly Fact[], day: string): Map<string, Vector> {
  const out = new Map<string, Vector>();
  const add = (region: string, v: Vector): void => void out.set(region, addInto(out.get(region) ?? {}, v));
  const byKey = <T extends Versioned>(list: T[], key: (v: T) => string): Map<string, T[]> => {
    const m = new Map<string, T[]>();
    for (const v of list) m.set(key(v), [...(m.get(key(v)) ?? []), v]);
    for (const [k, vs] of m) m.set(k, sortVersions(vs));
    return m;
  };
  const of = <K extends Fact['kind']>(kind: K) =>
    facts.filter((f) => f.kind === kind).map((f) => f.v) as Array<Extract<Fact, { kind: K }>['v']>;
  const projects = byKey(of('project'), (p) => p.projectCode);
  const typeAt = (code: string): string | null => inForce(projects.get(code) ?? [], day)?.projectType ?? null;
  for (const versions of byKey(of('permit'), (p) => p.permitNumber).values()) {
    const p = inForce(versions, day);
    if (!p || p.status !== 'VALID' || p.issueDate > day) continue;
    const v: Vector = { 'permits.count': 1, 'permits.floorArea': p.floorArea };
    v[`permits.byProjectType.${typeAt(p.projectCode) ?? 'UNMARKED'}`] = 1;
    if (p.category === SOCIAL_INVESTMENT_CATEGORY) v['permits.socialInvestment'] = 1;
    add(p.regionCode, v);
  }
  const presalesInForce = [...byKey(of('presale'), (s) => s.presaleNumber).values()]
    .map((versions) => inForce(versions, day))
    .filter((s): s is PresaleVersion => !!s && !s.superseded && s.issueDate <= day);
  for (const s of presalesInForce) {
    const supervision =
      s.letter === 'Z' ? 'escrow.noRecord' : s.fundSupervision ? 'escrow.supervised' : 'escrow.notSupervised';
    add(s.regionCode, {
      [`presale.${s.letter.toLowerCase()}`]: 1,
      'presale.presaleArea': s.presaleArea,
      'presale.units': s.unitCount,
      [supervision]: 1,
    });
  }
  for (const [code, versions] of projects) {
    const pr = inForce(versions, day);
    if (pr?.projectType === 'PRESALE' && !presalesInForce.some((s) => s.projectCode === code))
      add(pr.regionCode, { 'presale.presaleProjectsWithoutPresalePermit': 1 });
  }
  for (const versions of byKey(of('filing'), (f) => f.contractNumber).values()) {
    const f = inForce(versions, day);
    if (!f || f.filingDate > day) continue;
    if (f.status === 'CANCELLED') add(f.regionCode, { 'filings.cancelled': 1 });
    else
      add(f.regionCode, {
        'filings.count': 1,
        'filings.floorArea': f.floorArea,
        'filings.amountFen': f.amountFen,
        [`filings.byPaymentMethod.${f.paymentMethod}`]: 1,
      });
  }
  return out;
}

/** The monthly flows recounted: each record's latest version by its own date (region|YYYY-MM-01). */
function recountFlows(facts: readonly Fact[]): Map<string, Vector> {
  const out = new Map<string, Vector>();
  const add = (region: string, date: string, v: Vector): void => {
    const key = `${region}|${monthOf(date)}`;
    out.set(key, addInto(out.get(key) ?? {}, v));
  };
  const latest = <T extends Versioned>(list: T[], key: (v: T) => string): T[] => {
    const m = new Map<string, T>();
    for (const v of sortVersions(list)) m.set(key(v), v);
    return [...m.values()];
  };
  const of = <K extends Fact['kind']>(kind: K) =>
    facts.filter((f) => f.kind === kind).map((f) => f.v) as Array<Extract<Fact, { kind: K }>['v']>;
  const types = new Map(latest(of('project'), (p) => p.projectCode).map((p) => [p.projectCode, p.projectType]));
  for (const p of latest(of('permit'), (x) => x.permitNumber)) {
    if (p.status !== 'VALID') continue;
    const v: Vector = { 'permits.count': 1, 'permits.floorArea': p.floorArea };
    v[`permits.byProjectType.${types.get(p.projectCode) ?? 'UNMARKED'}`] = 1;
    if (p.category === SOCIAL_INVESTMENT_CATEGORY) v['permits.socialInvestment'] = 1;
    add(p.regionCode, p.issueDate, v);
  }
  for (const s of latest(of('presale'), (x) => x.presaleNumber))
    if (!s.superseded)
      add(s.regionCode, s.issueDate, {
        [`presale.${s.letter.toLowerCase()}`]: 1,
        'presale.presaleArea': s.presaleArea,
        'presale.units': s.unitCount,
      });
  for (const f of latest(of('filing'), (x) => x.contractNumber)) {
    add(f.regionCode, f.filingDate, {
      'filings.filed': 1,
      'filings.floorArea': f.floorArea,
      'filings.amountFen': f.amountFen,
      [`filings.byPaymentMethod.${f.paymentMethod}`]: 1,
    });
    if (f.status === 'CANCELLED' && f.cancelledAt)
      add(f.regionCode, chinaDateOf(new Date(f.cancelledAt)), { 'filings.cancelled': 1 });
  }
  return out;
}

const withoutZeros = (m: Map<string, Vector>): Record<string, Vector> =>
  Object.fromEntries(
    [...m.entries()]
      .map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([, n]) => n !== 0))] as const)
      .filter(([, v]) => Object.keys(v).length > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );

const plans = fc.array(projectPlan, { minLength: 1, maxLength: 8 });
/** the facts and an arrival order (a permutation by random keys) */
const scenario = plans.chain((p) => {
  const facts = factsOf(p);
  return fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: facts.length, maxLength: facts.length })
    .map((keys) => ({
      facts,
      order: facts
        .map((f, i) => ({ f, k: keys[i]! }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.f),
    }));
});

describe('statistics properties', () => {
  it('incremental aggregates equal a recount from scratch on every day, for every stock and flow figure', () => {
    fc.assert(
      fc.property(scenario, ({ facts, order }) => {
        const inc = new Incremental();
        for (const f of order) inc.apply(f);
        for (const day of DAYS) expect(withoutZeros(inc.stockAt(day))).toEqual(withoutZeros(recount(facts, day)));
        expect(withoutZeros(inc.deltas.flow)).toEqual(withoutZeros(recountFlows(facts)));
        const figures = new Set([...inc.deltas.daily.values()].flatMap((v) => Object.keys(v)));
        for (const f of figures) expect([...STOCK_FIGURES]).toContain(f);
        for (const f of new Set([...inc.deltas.flow.values()].flatMap((v) => Object.keys(v))))
          expect([...FLOW_FIGURES] as string[]).toContain(f);
      }),
      { numRuns: 150 },
    );
  });

  it('makes every region the sum of its children for every field: province = Σ cities = Σ counties and 市本级', () => {
    const sumOf = (nodes: readonly RegionNode[]): Vector => nodes.reduce((s, n) => addInto(s, n.figures), {});
    const leaves = (n: RegionNode): RegionNode[] => (n.children.length === 0 ? [n] : n.children.flatMap(leaves));
    fc.assert(
      fc.property(scenario, fc.constantFrom(...DAYS), ({ facts }, day) => {
        const byCode = countUnderCurrentCodes(recount(facts, day));
        const province = rollUp('430000', byCode);
        const check = (n: RegionNode): void => {
          if (n.children.length === 0) return;
          const children = sumOf(n.children);
          const unequal = STOCK_FIGURES.filter((f) => (n.figures[f] ?? 0) !== (children[f] ?? 0));
          expect([n.code, unequal]).toEqual([n.code, []]);
          n.children.forEach(check);
        };
        check(province);
        expect(sameVector(province.figures, sumOf(leaves(province)))).toBe(true);
        // every record counted once, under the code in force (a retired county under its successor)
        expect(
          sameVector(province.figures, sumOf([...byCode.values()].map((figures) => ({ figures }) as RegionNode))),
        ).toBe(true);
        for (const city of province.children.filter((c) => c.level === 'CITY'))
          expect(rollUp(city.code, byCode).figures).toEqual(city.figures);
        expect(byCode.has('430221') || byCode.has('430124')).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('finds every planted filing divergence between the statistics and the source, and no other', () => {
    const DAY = DAYS[DAYS.length - 1]!;
    const perProject = (filings: readonly FilingVersion[]): Map<ConsistencyFigureV1, SourceFigureCountV1> => {
      const counts: Record<'filings.count' | 'filings.cancelled', Map<string, number>> = {
        'filings.count': new Map(),
        'filings.cancelled': new Map(),
      };
      for (const f of filings) {
        if (f.filingDate > DAY) continue;
        const m = counts[f.status === 'ACTIVE' ? 'filings.count' : 'filings.cancelled'];
        m.set(f.projectCode, (m.get(f.projectCode) ?? 0) + 1);
      }
      return new Map(
        (Object.entries(counts) as Array<[ConsistencyFigureV1, Map<string, number>]>).map(([figure, m]) => [
          figure,
          {
            figure,
            total: [...m.values()].reduce((a, b) => a + b, 0),
            projects: [...m.entries()].map(([projectCode, count]) => ({ projectCode, count })),
          },
        ]),
      );
    };
    fc.assert(
      fc.property(
        scenario.chain(({ facts }) => {
          const latest = new Map<string, FilingVersion>();
          for (const f of sortVersions(facts.filter((x) => x.kind === 'filing').map((x) => x.v as FilingVersion)))
            latest.set(f.contractNumber, f);
          const filings = [...latest.values()];
          return fc.record({
            filings: fc.constant(filings),
            // per filing: kept as is, lost on the source's side, or cancelled there only
            plant: fc.array(fc.constantFrom('keep', 'keep', 'keep', 'drop', 'cancel'), {
              minLength: filings.length,
              maxLength: filings.length,
            }),
          });
        }),
        ({ filings, plant }) => {
          const source = filings.flatMap((f, i) =>
            plant[i] === 'drop' ? [] : plant[i] === 'cancel' ? [{ ...f, status: 'CANCELLED' as const }] : [f],
          );
          const expected = new Map<string, { statisticsCount: number; sourceCount: number }>();
          const statistics = perProject(filings);
          const count = (figure: ConsistencyFigureV1, project: string): number =>
            statistics.get(figure)!.projects.find((p) => p.projectCode === project)?.count ?? 0;
          const plantOn = (figure: ConsistencyFigureV1, project: string, delta: number): void => {
            const key = `${figure}|${project}`;
            const e = expected.get(key) ?? {
              statisticsCount: count(figure, project),
              sourceCount: count(figure, project),
            };
            e.sourceCount += delta;
            expected.set(key, e);
          };
          filings.forEach((f, i) => {
            if (f.filingDate > DAY || plant[i] === 'keep') return;
            const own: ConsistencyFigureV1 = f.status === 'ACTIVE' ? 'filings.count' : 'filings.cancelled';
            if (plant[i] === 'drop') plantOn(own, f.projectCode, -1);
            else if (f.status === 'ACTIVE') {
              plantOn('filings.count', f.projectCode, -1);
              plantOn('filings.cancelled', f.projectCode, 1);
            }
          });
          const result = compareConsistency({
            regionCode: '430000',
            regionName: '湖南省',
            asOf: DAY,
            statistics,
            sources: [{ source: 'contracts', figures: [...perProject(source).values()] }],
            signingStatistics: compareSigningStatistics([], []),
          });
          const found = result.figures
            .filter((f) => f.source === 'contracts')
            .flatMap((f) => f.differences)
            .map((d) => [
              `${d.figure}|${d.projectCode}`,
              { statisticsCount: d.statisticsCount, sourceCount: d.sourceCount },
            ]);
          const planted = [...expected.entries()].filter(([, e]) => e.statisticsCount !== e.sourceCount);
          expect(Object.fromEntries(found)).toEqual(Object.fromEntries(planted));
          expect(found).toHaveLength(planted.length);
          const contracts = result.figures.filter((f) => f.source === 'contracts');
          expect(contracts.every((f) => f.status === (f.differences.length === 0 ? 'EQUAL' : 'DIFFERENT'))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds every planted difference between a county’s signing statistics and the issued filings, and no other', () => {
    const month = fc.constantFrom('2024-09', '2024-10', '2024-11');
    const issuedRow = fc.record({
      region: fc.constantFrom(...REGIONS),
      presale: fc.integer({ min: 1, max: 4 }),
      month,
      contracts: fc.integer({ min: 0, max: 20 }),
      area: fc.integer({ min: 0, max: 2_000_000 }),
      amount: fc.integer({ min: 0, max: 10 ** 10 }),
      // the county's report of this permit and month: as issued, or one figure raised on it
      plant: fc.constantFrom(null, null, null, ...SIGNING_COMPARISON_FIGURES),
      raise: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(issuedRow, { selector: (r) => `${r.region}|${r.presale}|${r.month}`, maxLength: 25 }),
        (rows) => {
          const presaleNumber = (r: (typeof rows)[number]): string => `${r.region}202406200101-Y0${r.presale}`;
          const issued: IssuedFilingMonth[] = rows.map((r) => ({
            presaleNumber: presaleNumber(r),
            projectCode: `P-${r.region}-${r.presale}`,
            regionCode: r.region,
            month: r.month,
            contractsSigned: r.contracts,
            areaHundredths: r.area,
            amountFen: r.amount,
          }));
          const reported: ReportedSigningStatisticV1[] = rows.map((r) => ({
            presaleNumber: presaleNumber(r),
            projectCode: `P-${r.region}-${r.presale}`,
            regionCode: r.region,
            month: r.month,
            contractsSigned: r.contracts + (r.plant === 'contractsSigned' ? r.raise : 0),
            floorArea: (r.area + (r.plant === 'floorArea' ? r.raise : 0)) / 100,
            amountFen: r.amount + (r.plant === 'amountFen' ? r.raise : 0),
          }));
          const result = compareSigningStatistics(reported, issued);
          const expected = new Map<string, string[]>();
          for (const r of rows.filter((x) => x.plant !== null)) {
            const key = `${currentRegionCode(r.region)}|${r.month}|${r.plant}`;
            expected.set(key, [...(expected.get(key) ?? []), presaleNumber(r)].sort());
          }
          const found = result.differences.map((d) => [
            `${d.regionCode}|${d.month}|${d.figure}`,
            d.projects.map((p) => p.presaleNumber),
          ]);
          expect(Object.fromEntries(found)).toEqual(Object.fromEntries(expected));
          expect(found).toHaveLength(expected.size);
          for (const d of result.differences)
            expect(d.reported - d.issued).toBeCloseTo(
              d.projects.reduce((n, p) => n + p.reported - p.issued, 0),
              6,
            );
          expect(result.status).toBe(expected.size === 0 ? 'EQUAL' : 'DIFFERENT');
          expect(result.comparedMonths).toBe(
            new Set(rows.map((r) => `${currentRegionCode(r.region)}|${r.month}`)).size,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
