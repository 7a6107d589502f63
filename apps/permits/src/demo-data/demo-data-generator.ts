import { Injectable } from '@nestjs/common';
import type { BuildingUnitV1, PermitUpsertV1, ProjectType } from '@hn/messages';
import { activeCountyCodes, creditCodeCheckChar, regionName, regionValidOn } from '@hn/numbering';
import { dayToIso, isoToDay } from './demo-calendar';
import {
  COMPANY_BRAND_CHARS,
  COMPANY_CITIES,
  COMPANY_KINDS,
  ELEGANT_WORDS,
  ESTATE_SUFFIXES,
  PHASE_NUMERALS,
  PLACE_WORDS,
} from './demo-name-pools';
import { SeededRandom } from './seeded-random';

export interface DemoPermit {
  permitNumber: string;
  body: PermitUpsertV1;
}

export interface DemoDataOptions {
  /** the "today" the data is generated for (acceptance dates never after it); default 2026-11-27 */
  asOf?: string;
}

/** 演示数据的基准日期 (fixed so the data set is the same every day). */
export const DEMO_AS_OF = '2026-11-27';
export const DEMO_FIRST_ISSUE_DATE = '2019-01-01';
export const DEMO_LAST_ISSUE_DATE = '2026-11-20';
export const DEVELOPER_POOL_SIZE = 200;

/** 工作方案中的示例：攸县“锦绣星城三期（22#栋）”，施工许可证编号 430223202406200101。 */
export const WORK_PLAN_EXAMPLE_PERMIT = '430223202406200101';

const WORK_PLAN_PROJECT_CODE = '2024-430223-70-03-012345';
const WORK_PLAN_DEVELOPER = { name: '攸县锦绣星城置业有限公司', region: '430223', orgCode: 'MA4L0XKJ1' };

/** 项目类型分布：45% 预售、15% 现售、15% 其它、25% 未标记 */
const PROJECT_TYPE_WEIGHTS: ReadonlyArray<[ProjectType | null, number]> = [
  ['PRESALE', 45],
  ['CURRENT_SALE', 15],
  ['OTHER', 15],
  [null, 25],
];
/** units per permit 1..6 */
const UNIT_COUNT_WEIGHTS = [30, 25, 18, 12, 9, 6];
const SHARED_PROJECT_SHARE = 0.2;
const ACCEPTED_SHARE = 0.3;
const GENERAL_CATEGORY_SHARE = 0.88;

/** letters allowed in a unified social credit code (GB 32100: no I, O, S, V, Z) */
const CREDIT_LETTERS = [...'ABCDEFGHJKLMNPQRTUWXY'];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

interface Developer {
  name: string;
  creditCode: string;
}

interface Project {
  regionCode: string;
  projectCode: string;
  baseName: string;
  developer: Developer;
  projectType: ProjectType | null;
  firstIssueDay: number;
  nextBuilding: number;
}

/**
 * 生成可复现的演示施工许可数据（同一 count 与 seed 得到完全相同的结果）。
 * Deterministic demo permits: spread over the active Hunan counties and 2019-01-01..2026-11-20, valid
 * numbers (unique serial per region and day), valid credit codes, realistic names and dates.
 */
@Injectable()
export class DemoDataGenerator {
  generate(count: number, seed = 2024, options: DemoDataOptions = {}): DemoPermit[] {
    const run = new GenerationRun(seed, options.asOf ?? DEMO_AS_OF);
    const permits: DemoPermit[] = [];
    if (count <= 0) return permits;
    permits.push(run.workPlanExample());
    while (permits.length < count) {
      const project = run.newProject();
      const permitCount = run.rng.chance(SHARED_PROJECT_SHARE) ? run.rng.int(2, 3) : 1;
      for (let k = 0; k < permitCount && permits.length < count; k++) permits.push(run.newPermit(project, k));
    }
    return permits;
  }
}

/** State of one generate() call. */
class GenerationRun {
  readonly rng: SeededRandom;
  private readonly asOfDay: number;
  private readonly firstDay = isoToDay(DEMO_FIRST_ISSUE_DATE);
  private readonly lastDay: number;
  private readonly regions: string[];
  /** running totals of the region weights */
  private readonly regionTotals: number[];
  private readonly developers: Developer[];
  /** (region code × 100000 + day number) → last serial used that day */
  private readonly serials = new Map<number, number>();
  private readonly projectCodes = new Set<string>();
  /** region code → per day from firstDay: 0 unknown, 1 valid, 2 not valid (regionValidOn is asked once) */
  private readonly validity = new Map<string, Uint8Array>();
  private readonly typeWeights = PROJECT_TYPE_WEIGHTS.map(([, weight]) => weight);

  constructor(seed: number, asOf: string) {
    this.rng = new SeededRandom(seed);
    this.asOfDay = isoToDay(asOf);
    this.lastDay = Math.min(isoToDay(DEMO_LAST_ISSUE_DATE), this.asOfDay);
    this.regions = [...activeCountyCodes()].sort();
    let total = 0;
    this.regionTotals = this.regions.map((code) => (total += regionWeight(code)));
    this.developers = this.buildDevelopers();
  }

  workPlanExample(): DemoPermit {
    const regionCode = '430223';
    this.serials.set(serialKey(regionCode, isoToDay('2024-06-20')), 1);
    this.projectCodes.add(WORK_PLAN_PROJECT_CODE);
    const issueDate = '2024-06-20';
    return {
      permitNumber: WORK_PLAN_EXAMPLE_PERMIT,
      body: {
        projectCode: WORK_PLAN_PROJECT_CODE,
        projectName: '锦绣星城三期（22#栋）',
        regionCode,
        projectType: 'PRESALE',
        category: '社会投资房建类',
        developerName: this.developers[0].name,
        developerCreditCode: this.developers[0].creditCode,
        issueDate,
        startDate: '2024-07-18',
        plannedCompletionDate: '2026-07-17',
        fivePartyAcceptanceDate: null,
        completionFilingDate: null,
        units: [{ unitCode: `${WORK_PLAN_PROJECT_CODE}-DT022`, name: '22#栋', floors: 18, floorArea: 12680.5 }],
      },
    };
  }

  newProject(): Project {
    const { rng } = this;
    let regionCode = '';
    let firstIssueDay = 0;
    do {
      regionCode = this.regions[rng.cumulativeIndex(this.regionTotals)];
      firstIssueDay = rng.int(this.firstDay, this.lastDay);
    } while (!this.regionValid(regionCode, firstIssueDay));

    const issueYear = Number(dayToIso(firstIssueDay).slice(0, 4));
    const codeYear = rng.chance(0.4) ? issueYear - 1 : issueYear;
    let projectCode: string;
    do {
      projectCode = `${codeYear}-${regionCode}-70-03-${String(rng.int(1, 999_999)).padStart(6, '0')}`;
    } while (this.projectCodes.has(projectCode));
    this.projectCodes.add(projectCode);

    const phase = rng.chance(0.55) ? `${rng.pick(PHASE_NUMERALS)}期` : '';
    const projectType = PROJECT_TYPE_WEIGHTS[rng.weightedIndex(this.typeWeights)][0];
    return {
      regionCode,
      projectCode,
      baseName: `${rng.pick(PLACE_WORDS)}${rng.pick(ELEGANT_WORDS)}${rng.pick(ESTATE_SUFFIXES)}${phase}`,
      developer: rng.pick(this.developers),
      projectType,
      firstIssueDay,
      nextBuilding: rng.int(1, 3),
    };
  }

  /** The k-th permit (from 0) of a project: same region, developer and type; later buildings and dates. */
  newPermit(project: Project, k: number): DemoPermit {
    const { rng } = this;
    let day = project.firstIssueDay;
    if (k > 0) {
      const later = Math.min(this.lastDay, day + rng.int(20, 400) * k);
      if (this.regionValid(project.regionCode, later)) day = later;
    }
    const category = rng.chance(GENERAL_CATEGORY_SHARE) ? '01' : String(rng.int(2, 19)).padStart(2, '0');
    const { issueDay, serial } = this.takeSerial(project.regionCode, day);
    const issueDate = dayToIso(issueDay);
    const permitNumber = `${project.regionCode}${issueDate.replace(/-/g, '')}${String(serial).padStart(2, '0')}${category}`;

    const unitCount = rng.weightedIndex(UNIT_COUNT_WEIGHTS) + 1;
    const units: BuildingUnitV1[] = [];
    for (let i = 0; i < unitCount; i++) {
      const building = project.nextBuilding++;
      const floors = rng.int(2, 33);
      const footprint = rng.int(260, 900) + rng.next();
      units.push({
        unitCode: `${project.projectCode}-DT${String(building).padStart(3, '0')}`,
        name: `${building}#栋`,
        floors,
        floorArea: Math.round(floors * footprint * 100) / 100,
      });
    }
    const first = units[0].name.replace('栋', '');
    const last = units[units.length - 1].name;
    const buildings = units.length === 1 ? units[0].name : `${first}-${last}`;

    const startDay = issueDay + rng.int(1, 90);
    const plannedDay = startDay + rng.int(365, 3 * 365);
    let fivePartyAcceptanceDate: string | null = null;
    let completionFilingDate: string | null = null;
    if (plannedDay < this.asOfDay && rng.chance(ACCEPTED_SHARE)) {
      const acceptanceDay = Math.max(startDay + 180, Math.min(this.asOfDay, plannedDay + rng.int(-90, 120)));
      if (acceptanceDay <= this.asOfDay) {
        fivePartyAcceptanceDate = dayToIso(acceptanceDay);
        const filingDay = acceptanceDay + rng.int(7, 60);
        completionFilingDate = filingDay <= this.asOfDay ? dayToIso(filingDay) : null;
      }
    }

    return {
      permitNumber,
      body: {
        projectCode: project.projectCode,
        projectName: `${project.baseName}（${buildings}）`,
        regionCode: project.regionCode,
        projectType: project.projectType,
        // 项目类别 (project category), not the works category encoded in the number.
        category:
          project.regionCode.endsWith('00') || permitNumber.endsWith('09') ? '政府投资房建类' : '社会投资房建类',
        developerName: project.developer.name,
        developerCreditCode: project.developer.creditCode,
        issueDate,
        startDate: dayToIso(startDay),
        plannedCompletionDate: dayToIso(plannedDay),
        fivePartyAcceptanceDate,
        completionFilingDate,
        units,
      },
    };
  }

  /** Next serial of (region, day); a full day (99 permits) moves to an earlier day. */
  private takeSerial(regionCode: string, day: number): { issueDay: number; serial: number } {
    for (let d = day; ; d = d > this.firstDay ? d - 1 : this.lastDay) {
      if (!this.regionValid(regionCode, d)) continue;
      const key = serialKey(regionCode, d);
      const serial = (this.serials.get(key) ?? 0) + 1;
      if (serial <= 99) {
        this.serials.set(key, serial);
        return { issueDay: d, serial };
      }
    }
  }

  private regionValid(code: string, day: number): boolean {
    let days = this.validity.get(code);
    if (!days) {
      days = new Uint8Array(this.lastDay - this.firstDay + 1);
      this.validity.set(code, days);
    }
    const i = day - this.firstDay;
    if (days[i] === 0) days[i] = regionValidOn(code, dayToIso(day)) ? 1 : 2;
    return days[i] === 1;
  }

  private buildDevelopers(): Developer[] {
    const developers: Developer[] = [
      {
        name: WORK_PLAN_DEVELOPER.name,
        creditCode: this.creditCode(WORK_PLAN_DEVELOPER.region, WORK_PLAN_DEVELOPER.orgCode),
      },
    ];
    const names = new Set(developers.map((d) => d.name));
    const codes = new Set(developers.map((d) => d.creditCode));
    while (developers.length < DEVELOPER_POOL_SIZE) {
      const { rng } = this;
      const brand = rng.pick(COMPANY_BRAND_CHARS) + rng.pick(COMPANY_BRAND_CHARS);
      const name = `${rng.pick(COMPANY_CITIES)}${brand}${rng.pick(COMPANY_KINDS)}有限公司`;
      if (names.has(name)) continue;
      const region = this.regions[rng.int(0, this.regions.length - 1)];
      const creditCode = this.creditCode(region, this.organizationCode());
      if (codes.has(creditCode)) continue;
      names.add(name);
      codes.add(creditCode);
      developers.push({ name, creditCode });
    }
    return developers;
  }

  /** 统一社会信用代码：91（工商登记的企业）+ 区划 + 组织机构代码 + 校验码 (GB 32100). */
  private creditCode(region: string, orgCode: string): string {
    for (;;) {
      const first17 = `91${region}${orgCode}`;
      const check = creditCodeCheckChar(first17);
      if (check !== null) return first17 + check;
      orgCode = this.organizationCode();
    }
  }

  /** 9-character organisation code (GB 11714, with its own check character), "MA…" style or numeric. */
  private organizationCode(): string {
    const { rng } = this;
    let body = rng.chance(0.6) ? 'MA' : '';
    while (body.length < 8) body += rng.chance(0.7) ? String(rng.int(0, 9)) : rng.pick(CREDIT_LETTERS);
    const sum = [...body].reduce((acc, ch, i) => acc + orgValue(ch) * ORG_CODE_WEIGHTS[i], 0);
    const c = 11 - (sum % 11);
    return body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
  }
}

function serialKey(regionCode: string, day: number): number {
  return Number(regionCode) * 100_000 + day;
}

function orgValue(ch: string): number {
  return /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
}

/** Cities and districts see more building than rural counties; Changsha most. */
function regionWeight(code: string): number {
  const name = regionName(code) ?? '';
  let weight = 1;
  if (code.startsWith('4301')) weight *= 3;
  if (name.endsWith('区')) weight *= 1.6;
  else if (name.endsWith('市')) weight *= 1.3;
  return weight;
}
