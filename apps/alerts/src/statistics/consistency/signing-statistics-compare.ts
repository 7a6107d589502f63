import {
  SIGNING_DIFFERENCES_LISTED,
  SIGNING_PROJECTS_LISTED,
  ReportedSigningStatisticV1,
  SIGNING_COMPARISON_FIGURE_LABELS,
  SIGNING_COMPARISON_FIGURES,
  SigningComparisonFigureV1,
  SigningDifferenceProjectV1,
  SigningStatisticsComparisonV1,
  SigningStatisticsDifferenceV1,
} from '@hn/messages';
import { currentRegionCode, regionName } from '@hn/numbering';

/** The valid filings the platform issued for a presale permit and filing month (area in hundredths of m²). */
export interface IssuedFilingMonth {
  presaleNumber: string;
  projectCode: string | null;
  regionCode: string;
  month: string;
  contractsSigned: number;
  areaHundredths: number;
  amountFen: number;
}

type Figures = Record<SigningComparisonFigureV1, number>;
const ZERO: Figures = { contractsSigned: 0, floorArea: 0, amountFen: 0 };
const STATUS_LABEL = { EQUAL: '一致', DIFFERENT: '不一致', UNCHECKED: '未核对' } as const;

interface PresaleSides {
  projectCode: string | null;
  reported: Figures;
  issued: Figures;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** floor area compared exactly in hundredths of m², shown in m² */
const shown = (figure: SigningComparisonFigureV1, value: number): number =>
  figure === 'floorArea' ? value / 100 : value;

/**
 * 网签统计与网签备案比对 (the reconciliation's 口径: a month is the filing date's month, valid filings
 * only, area summed exactly in hundredths): every (region, month) with a submitted statistic — region
 * being the code in force (a retired county counts under its successor) — compares the county's
 * reported 套数 / 面积 / 金额 with the filings issued there that month; each figure that differs is
 * listed with the presale permits (and projects) whose own figures differ. Months no statistic was
 * reported for are not compared (the county reported nothing to check).
 */
export function compareSigningStatistics(
  reported: readonly ReportedSigningStatisticV1[],
  issued: readonly IssuedFilingMonth[],
): SigningStatisticsComparisonV1 {
  const groups = new Map<string, Map<string, PresaleSides>>();
  const sides = (regionCode: string, month: string, presale: string, projectCode: string | null): PresaleSides => {
    const key = `${currentRegionCode(regionCode)}|${month}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = new Map()));
    let s = group.get(presale);
    if (!s) group.set(presale, (s = { projectCode, reported: { ...ZERO }, issued: { ...ZERO } }));
    s.projectCode ??= projectCode;
    return s;
  };
  for (const r of reported) {
    const s = sides(r.regionCode, r.month, r.presaleNumber, r.projectCode);
    s.reported.contractsSigned += r.contractsSigned;
    s.reported.floorArea += Math.round(r.floorArea * 100);
    s.reported.amountFen += r.amountFen;
  }
  const compared = new Set(groups.keys());
  for (const f of issued) {
    if (!compared.has(`${currentRegionCode(f.regionCode)}|${f.month}`)) continue;
    const s = sides(f.regionCode, f.month, f.presaleNumber, f.projectCode);
    s.issued.contractsSigned += f.contractsSigned;
    s.issued.floorArea += f.areaHundredths;
    s.issued.amountFen += f.amountFen;
  }
  const differences: SigningStatisticsDifferenceV1[] = [];
  for (const key of [...groups.keys()].sort(byText)) {
    const [regionCode, month] = key.split('|') as [string, string];
    const presales = [...groups.get(key)!.entries()].sort(([a], [b]) => byText(a, b));
    for (const figure of SIGNING_COMPARISON_FIGURES) {
      const reportedTotal = presales.reduce((n, [, s]) => n + s.reported[figure], 0);
      const issuedTotal = presales.reduce((n, [, s]) => n + s.issued[figure], 0);
      if (reportedTotal === issuedTotal) continue;
      const projects: SigningDifferenceProjectV1[] = presales
        .filter(([, s]) => s.reported[figure] !== s.issued[figure])
        .map(([presaleNumber, s]) => ({
          presaleNumber,
          projectCode: s.projectCode,
          reported: shown(figure, s.reported[figure]),
          issued: shown(figure, s.issued[figure]),
        }));
      differences.push({
        regionCode,
        regionName: regionName(regionCode) ?? regionCode,
        month,
        figure,
        label: SIGNING_COMPARISON_FIGURE_LABELS[figure],
        reported: shown(figure, reportedTotal),
        issued: shown(figure, issuedTotal),
        projects: projects.slice(0, SIGNING_PROJECTS_LISTED),
        projectCount: projects.length,
      });
    }
  }
  const status = differences.length === 0 ? 'EQUAL' : 'DIFFERENT';
  return {
    status,
    statusLabel: STATUS_LABEL[status],
    comparedMonths: groups.size,
    differenceCount: differences.length,
    message: null,
    differences: differences.slice(0, SIGNING_DIFFERENCES_LISTED),
    differencesTruncated: differences.length > SIGNING_DIFFERENCES_LISTED,
  };
}

/** The comparison left 未核对: the contracts service gave no (valid) reported statistics. */
export function uncheckedSigningStatistics(message: string): SigningStatisticsComparisonV1 {
  return {
    status: 'UNCHECKED',
    statusLabel: STATUS_LABEL.UNCHECKED,
    comparedMonths: 0,
    differenceCount: 0,
    message,
    differences: [],
    differencesTruncated: false,
  };
}
