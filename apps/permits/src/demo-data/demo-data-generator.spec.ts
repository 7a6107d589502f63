import { isValidCreditCode, parsePermitNumber, regionValidOn } from '@hn/numbering';
import { checkPermitUpsert } from '@hn/messages';
import { DEMO_AS_OF, DemoDataGenerator, type DemoPermit } from './demo-data-generator';

const TODAY = '2026-11-27';
const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;
const share = (part: number, whole: number): number => part / whole;
/** 项目类别 (project category) the generator may emit; the works category code lives in the permit number. */
const PROJECT_CATEGORIES = ['社会投资房建类', '政府投资房建类'];

describe(DemoDataGenerator.name, () => {
  const generator = new DemoDataGenerator();
  let big: DemoPermit[];
  let bigMillis = 0;

  beforeAll(() => {
    const started = process.hrtime.bigint();
    big = generator.generate(100_000);
    bigMillis = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`DemoDataGenerator: 100k permits in ${bigMillis.toFixed(0)} ms`);
  });

  it('is deterministic for a seed and varies with the seed', () => {
    expect(generator.generate(300, 7)).toEqual(generator.generate(300, 7));
    expect(generator.generate(300, 8)).not.toEqual(generator.generate(300, 7));
    expect(generator.generate(300)).toEqual(big.slice(0, 300));
  });

  it('always starts with the work-plan example 430223202406200101 (攸县 锦绣星城三期（22#栋）)', () => {
    for (const seed of [1, 2024, 99]) {
      const [first] = generator.generate(3, seed);
      expect(first.permitNumber).toBe('430223202406200101');
      expect(first.body).toMatchObject({
        regionCode: '430223',
        projectName: '锦绣星城三期（22#栋）',
        projectType: 'PRESALE',
        issueDate: '2024-06-20',
        category: '社会投资房建类',
      });
      expect(first.body.units).toHaveLength(1);
      expect(first.body.units[0].name).toBe('22#栋');
    }
    expect(generator.generate(0)).toEqual([]);
    expect(generator.generate(1)).toHaveLength(1);
  });

  it('scales to 100k in a few seconds', () => {
    expect(big).toHaveLength(100_000);
    expect(bigMillis).toBeLessThan(10_000);
  });

  it('gives every permit a unique number that parses (works category code included), matching its region and date', () => {
    expect(new Set(big.map((p) => p.permitNumber)).size).toBe(big.length);
    const problems: string[] = [];
    for (const { permitNumber, body } of big) {
      const parsed = parsePermitNumber(permitNumber, { today: TODAY });
      if (!parsed.ok) problems.push(`${permitNumber}: ${parsed.message}`);
      else if (parsed.value.regionCode !== body.regionCode || parsed.value.issueDate !== body.issueDate) {
        problems.push(`${permitNumber}: body differs from number`);
      }
      // body.category is the 项目类别, not the number's 工程类别 code
      if (!PROJECT_CATEGORIES.includes(body.category ?? ''))
        problems.push(`${permitNumber}: project category ${body.category}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('passes the permit upsert check of gateway and service (checkPermitUpsert)', async () => {
    const problems: string[] = [];
    for (const { permitNumber, body } of big.slice(0, 5000))
      for (const e of (await checkPermitUpsert(permitNumber, body, TODAY)).errors)
        problems.push(`${permitNumber} ${e.field}: ${e.reason}`);
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('uses valid credit codes from a pool of about 200 developers', () => {
    const codes = new Set(big.map((p) => p.body.developerCreditCode));
    expect([...codes].filter((code) => !isValidCreditCode(code))).toEqual([]);
    expect(codes.size).toBeGreaterThan(180);
    expect(codes.size).toBeLessThanOrEqual(200);
    expect(new Set(big.map((p) => p.body.developerName)).size).toBe(codes.size);
  });

  it('spreads permits over active counties and 2019-01-01..2026-11-20', () => {
    const regions = new Set(big.map((p) => p.body.regionCode));
    expect(regions.size).toBeGreaterThan(100);
    expect(big.every((p) => regionValidOn(p.body.regionCode, p.body.issueDate))).toBe(true);
    const dates = big.map((p) => p.body.issueDate).sort();
    expect(dates[0] >= '2019-01-01').toBe(true);
    expect(dates[dates.length - 1] <= '2026-11-20').toBe(true);
    for (let year = 2019; year <= 2026; year++) {
      const inYear = dates.filter((d) => d.startsWith(String(year))).length;
      expect(share(inYear, big.length)).toBeGreaterThan(0.08);
    }
  });

  it('follows the stated distributions', () => {
    const n = big.length;
    const types = { PRESALE: 0, CURRENT_SALE: 0, OTHER: 0, null: 0 };
    for (const { body } of big) types[body.projectType ?? 'null']++;
    expect(share(types.PRESALE, n)).toBeCloseTo(0.45, 1);
    expect(share(types.CURRENT_SALE, n)).toBeCloseTo(0.15, 1);
    expect(share(types.OTHER, n)).toBeCloseTo(0.15, 1);
    expect(share(types.null, n)).toBeCloseTo(0.25, 1);

    expect(big.every((p) => PROJECT_CATEGORIES.includes(p.body.category ?? ''))).toBe(true);
    const socialShare = share(big.filter((p) => p.body.category === '社会投资房建类').length, n);
    expect(socialShare).toBeGreaterThanOrEqual(0.8);
    expect(socialShare).toBeLessThan(1);

    const pastDue = big.filter((p) => p.body.plannedCompletionDate! < DEMO_AS_OF);
    const accepted = pastDue.filter((p) => p.body.fivePartyAcceptanceDate !== null);
    expect(share(accepted.length, pastDue.length)).toBeGreaterThan(0.26);
    expect(share(accepted.length, pastDue.length)).toBeLessThan(0.34);
    expect(big.some((p) => p.body.plannedCompletionDate! >= DEMO_AS_OF && p.body.fivePartyAcceptanceDate)).toBe(false);

    const permitsPerProject = new Map<string, number>();
    for (const { body } of big)
      permitsPerProject.set(body.projectCode, (permitsPerProject.get(body.projectCode) ?? 0) + 1);
    const counts = [...permitsPerProject.values()];
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
    expect(share(counts.filter((c) => c > 1).length, counts.length)).toBeCloseTo(0.2, 1);
  });

  it('keeps each record internally consistent', () => {
    const problems: string[] = [];
    const projectOf = new Map<string, string>();
    for (const { permitNumber, body } of big) {
      const fail = (what: string): void => {
        problems.push(`${permitNumber}: ${what}`);
      };
      if (!/^\d{4}-\d{6}-70-03-\d{6}$/.test(body.projectCode)) fail('project code');
      if (body.projectCode.slice(5, 11) !== body.regionCode) fail('project code region');
      const key = `${body.regionCode}|${body.developerCreditCode}|${body.projectType}`;
      if ((projectOf.get(body.projectCode) ?? key) !== key) fail('permits of one project disagree');
      projectOf.set(body.projectCode, key);
      if (!(body.startDate! > body.issueDate)) fail('start date not after issue date');
      const planned = daysBetween(body.startDate!, body.plannedCompletionDate!);
      if (planned < 365 || planned > 3 * 365) fail('planned completion not 1-3 years after start');
      if (body.fivePartyAcceptanceDate && body.fivePartyAcceptanceDate > TODAY) fail('acceptance in the future');
      if (body.completionFilingDate && !(body.completionFilingDate > body.fivePartyAcceptanceDate!)) fail('filing');
      if (body.units.length < 1 || body.units.length > 6) fail('unit count');
      if (new Set(body.units.map((u) => u.unitCode)).size !== body.units.length) fail('duplicate unit code');
      for (const unit of body.units) {
        if (!unit.unitCode.startsWith(`${body.projectCode}-DT`)) fail('unit code');
        if (!/^\d+#栋$/.test(unit.name) || !body.projectName.includes('#栋')) fail('unit name');
        if (unit.floors < 2 || unit.floors > 33 || !Number.isInteger(unit.floors)) fail('floors');
        const cents = unit.floorArea * 100;
        if (!(unit.floorArea > 0) || Math.abs(cents - Math.round(cents)) > 1e-6) fail('floor area');
      }
      if (!/（\d+#(-\d+#)?栋）$/.test(body.projectName)) fail(`project name ${body.projectName}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });
});
