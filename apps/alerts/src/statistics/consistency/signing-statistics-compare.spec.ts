import { ReportedSigningStatisticV1 } from '@hn/messages';
import { compareSigningStatistics, IssuedFilingMonth, uncheckedSigningStatistics } from './signing-statistics-compare';

const YX_Y = '430223202406200101-Y01';
const YX_Z = '430223202306150101-Z01';
const NX = '430124201605100101-Y01'; // 宁乡县 (retired 2017) → 430182 宁乡市

const report = (
  presaleNumber: string,
  month: string,
  contractsSigned: number,
  floorArea: number,
  amountFen: number,
  projectCode: string | null = `P-${presaleNumber.slice(-3)}`,
): ReportedSigningStatisticV1 => ({
  presaleNumber,
  projectCode,
  regionCode: presaleNumber.slice(0, 6),
  month,
  contractsSigned,
  floorArea,
  amountFen,
});
const issued = (
  presaleNumber: string,
  month: string,
  contractsSigned: number,
  areaHundredths: number,
  amountFen: number,
): IssuedFilingMonth => ({
  presaleNumber,
  projectCode: `P-${presaleNumber.slice(-3)}`,
  regionCode: presaleNumber.slice(0, 6),
  month,
  contractsSigned,
  areaHundredths,
  amountFen,
});

describe(compareSigningStatistics.name, () => {
  it('finds a county whose report equals its issued filings equal, to the hundredth of a m²', () => {
    const result = compareSigningStatistics(
      [report(YX_Y, '2024-09', 2, 179.1, 246_913_400), report(YX_Z, '2024-09', 1, 0.3, 5)],
      [
        issued(YX_Y, '2024-09', 2, 17_910, 246_913_400),
        issued(YX_Z, '2024-09', 1, 30, 5),
        issued(YX_Y, '2024-10', 7, 70_000, 7), // a month the county reported nothing for: not compared
      ],
    );
    expect(result).toEqual({
      status: 'EQUAL',
      statusLabel: '一致',
      comparedMonths: 1,
      differenceCount: 0,
      message: null,
      differences: [],
      differencesTruncated: false,
    });
  });

  it('lists each differing figure of a (region, month) with reported, issued and the presale permits concerned', () => {
    const result = compareSigningStatistics(
      [report(YX_Y, '2024-09', 3, 268.6, 370_370_100), report(YX_Z, '2024-09', 1, 90, 100)],
      [issued(YX_Y, '2024-09', 2, 17_910, 246_913_400), issued(YX_Z, '2024-09', 1, 9_000, 100)],
    );
    expect(result).toMatchObject({ status: 'DIFFERENT', statusLabel: '不一致', comparedMonths: 1, differenceCount: 3 });
    expect(result.differences).toEqual([
      {
        regionCode: '430223',
        regionName: '攸县',
        month: '2024-09',
        figure: 'contractsSigned',
        label: '网签套数',
        reported: 4,
        issued: 3,
        projects: [{ presaleNumber: YX_Y, projectCode: 'P-Y01', reported: 3, issued: 2 }],
        projectCount: 1,
      },
      {
        regionCode: '430223',
        regionName: '攸县',
        month: '2024-09',
        figure: 'floorArea',
        label: '网签面积（平方米）',
        reported: 358.6,
        issued: 269.1,
        projects: [{ presaleNumber: YX_Y, projectCode: 'P-Y01', reported: 268.6, issued: 179.1 }],
        projectCount: 1,
      },
      {
        regionCode: '430223',
        regionName: '攸县',
        month: '2024-09',
        figure: 'amountFen',
        label: '网签金额（分）',
        reported: 370_370_200,
        issued: 246_913_500,
        projects: [{ presaleNumber: YX_Y, projectCode: 'P-Y01', reported: 370_370_100, issued: 246_913_400 }],
        projectCount: 1,
      },
    ]);
  });

  it('names a presale permit with filings but no report of a reported month, and a report without filings', () => {
    const result = compareSigningStatistics(
      [report(YX_Y, '2024-11', 2, 100, 200, null)],
      [issued(YX_Z, '2024-11', 1, 5_000, 80)],
    );
    const counts = result.differences.find((d) => d.figure === 'contractsSigned')!;
    expect(counts).toMatchObject({ reported: 2, issued: 1 });
    expect(counts.projects).toEqual([
      { presaleNumber: YX_Z, projectCode: 'P-Z01', reported: 0, issued: 1 },
      { presaleNumber: YX_Y, projectCode: null, reported: 2, issued: 0 },
    ]);
  });

  it('counts a retired county’s records under its successor, and keeps months and regions apart, in order', () => {
    const result = compareSigningStatistics(
      [report(NX, '2024-10', 1, 50, 10), report(YX_Y, '2024-10', 1, 50, 10), report(YX_Y, '2024-09', 1, 50, 10)],
      [issued(NX, '2024-10', 1, 5_000, 10), issued(YX_Y, '2024-09', 1, 5_000, 10)],
    );
    expect(result.comparedMonths).toBe(3);
    expect(result.differences.map((d) => [d.regionCode, d.regionName, d.month, d.figure])).toEqual([
      ['430223', '攸县', '2024-10', 'contractsSigned'],
      ['430223', '攸县', '2024-10', 'floorArea'],
      ['430223', '攸县', '2024-10', 'amountFen'],
    ]);
  });

  it('reports an unanswered comparison 未核对 with its reason', () => {
    expect(uncheckedSigningStatistics('网签备案服务暂不可用')).toEqual({
      status: 'UNCHECKED',
      statusLabel: '未核对',
      comparedMonths: 0,
      differenceCount: 0,
      message: '网签备案服务暂不可用',
      differences: [],
      differencesTruncated: false,
    });
  });
});
