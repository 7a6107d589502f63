import {
  CONSISTENCY_DIFFERENCES_LISTED,
  CONSISTENCY_FIGURE_NAMES,
  ConsistencyFigureV1,
  ReportedSigningStatisticV1,
  SIGNING_DIFFERENCES_LISTED,
  SIGNING_PROJECTS_LISTED,
  SourceFigureCountV1,
} from '@hn/messages';
import { compareConsistency, projectDifferences } from './consistency-compare';
import { compareSigningStatistics, uncheckedSigningStatistics } from './signing-statistics-compare';

const count = (figure: ConsistencyFigureV1, projects: Record<string, number>): SourceFigureCountV1 => ({
  figure,
  total: Object.values(projects).reduce((a, b) => a + b, 0),
  projects: Object.entries(projects).map(([projectCode, c]) => ({ projectCode, count: c })),
});

describe(compareConsistency.name, () => {
  it('names each project whose counts differ, a project missing on one side counting 0 there', () => {
    expect(
      projectDifferences(
        'filings.count',
        count('filings.count', { A: 3, B: 1 }),
        count('filings.count', { A: 3, C: 2 }),
      ),
    ).toEqual([
      { projectCode: 'B', figure: 'filings.count', statisticsCount: 1, sourceCount: 0 },
      { projectCode: 'C', figure: 'filings.count', statisticsCount: 0, sourceCount: 2 },
    ]);
  });

  it('marks equal figures, differing figures with their projects, and a silent source’s figures 未核对', () => {
    const statistics = new Map<ConsistencyFigureV1, SourceFigureCountV1>([
      ['permits.count', count('permits.count', { A: 2 })],
      ['filings.count', count('filings.count', { A: 5 })],
      ['presale.y', count('presale.y', { A: 1 })],
    ]);
    const result = compareConsistency({
      regionCode: '430223',
      regionName: '攸县',
      asOf: '2026-11-30',
      statistics,
      sources: [
        { source: 'permits', figures: [count('permits.count', { A: 2 })] },
        { source: 'contracts', figures: [count('filings.count', { A: 4 }), count('filings.cancelled', {})] },
        { source: 'escrow', figures: [count('escrow.submitted', {})] },
        { source: 'presale', message: '预售许可服务暂不可用，其统计项未核对' },
      ],
      signingStatistics: compareSigningStatistics([], []),
    });
    const by = Object.fromEntries(result.figures.map((f) => [f.figure, f]));
    expect(by['permits.count']).toMatchObject({ status: 'EQUAL', statusLabel: '一致', equal: true, sourceValue: 2 });
    expect(by['permits.byProjectType.OTHER']).toMatchObject({ status: 'EQUAL', statisticsValue: 0, sourceValue: 0 });
    expect(by['filings.count']).toMatchObject({
      status: 'DIFFERENT',
      statusLabel: '不一致',
      statisticsValue: 5,
      sourceValue: 4,
      equal: false,
      differences: [{ projectCode: 'A', figure: 'filings.count', statisticsCount: 5, sourceCount: 4 }],
    });
    expect(by['presale.y']).toMatchObject({
      status: 'UNCHECKED',
      statusLabel: '未核对',
      statisticsValue: 1,
      sourceValue: null,
      equal: null,
      differences: [],
    });
    expect(result).toMatchObject({ consistent: false, differenceCount: 1 });
    expect(result.sources).toEqual([
      { source: 'permits', label: '施工许可服务', answered: true, message: null },
      { source: 'presale', label: '预售许可服务', answered: false, message: '预售许可服务暂不可用，其统计项未核对' },
      { source: 'escrow', label: '资金监管服务', answered: true, message: null },
      { source: 'contracts', label: '网签备案服务', answered: true, message: null },
    ]);
  });

  it('lists the first differences of a figure and counts them all (a province fits one reply)', () => {
    const many = Object.fromEntries(
      Array.from({ length: CONSISTENCY_DIFFERENCES_LISTED + 50 }, (_, i) => [`P${String(i).padStart(4, '0')}`, 1]),
    );
    const result = compareConsistency({
      regionCode: '430000',
      regionName: '湖南省',
      asOf: '2026-11-30',
      statistics: new Map([['filings.count', count('filings.count', many)]]),
      sources: [{ source: 'contracts', figures: [count('filings.count', {}), count('filings.cancelled', {})] }],
      signingStatistics: compareSigningStatistics([], []),
    });
    const filings = result.figures.find((f) => f.figure === 'filings.count')!;
    expect(filings.differences).toHaveLength(CONSISTENCY_DIFFERENCES_LISTED);
    expect(filings.differences[0]!.projectCode).toBe('P0000');
    expect(filings).toMatchObject({ differenceTotal: CONSISTENCY_DIFFERENCES_LISTED + 50, differencesTruncated: true });
    expect(result.differenceCount).toBe(CONSISTENCY_DIFFERENCES_LISTED + 50);
    const permits = result.figures.find((f) => f.figure === 'permits.count')!;
    expect(permits).toMatchObject({ differenceTotal: 0, differencesTruncated: false });
  });

  it('answers the largest possible result well inside one NATS reply (max_payload 1 MiB)', () => {
    // every figure and every signing comparison with far more differences than are listed
    const projects = (n: number): Record<string, number> =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`2024-430223-70-03-${String(i).padStart(6, '0')}`, 7]));
    const statistics = new Map(
      CONSISTENCY_FIGURE_NAMES.map((f) => [f, count(f, projects(CONSISTENCY_DIFFERENCES_LISTED * 3))] as const),
    );
    const counties = ['430223', '430224', '430225', '430281', '430202', '430203', '430204', '430211'];
    const months = Array.from(
      { length: 24 },
      (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    );
    const reported: ReportedSigningStatisticV1[] = counties.flatMap((regionCode) =>
      months.flatMap((month) =>
        Array.from({ length: SIGNING_PROJECTS_LISTED * 2 }, (_, i) => ({
          presaleNumber: `${regionCode}202406200101-Y${String(i % 100).padStart(2, '0')}`.slice(0, 22),
          projectCode: `2024-${regionCode}-70-03-${String(i).padStart(6, '0')}`,
          regionCode,
          month,
          contractsSigned: 99,
          floorArea: 9999.99,
          amountFen: 999_999_999,
        })),
      ),
    );
    const signingStatistics = compareSigningStatistics(reported, []);
    expect(signingStatistics.differenceCount).toBeGreaterThan(SIGNING_DIFFERENCES_LISTED);
    expect(signingStatistics.differences).toHaveLength(SIGNING_DIFFERENCES_LISTED);
    expect(signingStatistics.differences[0]!.projects).toHaveLength(SIGNING_PROJECTS_LISTED);
    const result = compareConsistency({
      regionCode: '430000',
      regionName: '湖南省',
      asOf: '2026-11-30',
      statistics,
      sources: (['permits', 'presale', 'escrow', 'contracts'] as const).map((source) => ({ source, figures: [] })),
      signingStatistics,
    });
    const bytes = Buffer.byteLength(JSON.stringify(result));
    expect(bytes).toBeLessThan(768 * 1024);
  });

  it('is consistent only when every figure is equal and the signing statistics agree with the filings', () => {
    const input = {
      regionCode: '430223',
      regionName: '攸县',
      asOf: '2026-11-30',
      statistics: new Map<ConsistencyFigureV1, SourceFigureCountV1>(),
      sources: (['permits', 'presale', 'escrow', 'contracts'] as const).map((source) => ({
        source,
        figures: [] as SourceFigureCountV1[],
      })),
    };
    expect(compareConsistency({ ...input, signingStatistics: compareSigningStatistics([], []) }).consistent).toBe(true);
    const unchecked = compareConsistency({ ...input, signingStatistics: uncheckedSigningStatistics('未比对') });
    expect(unchecked).toMatchObject({ consistent: false, differenceCount: 0 });
    expect(unchecked.signingStatistics).toMatchObject({
      status: 'UNCHECKED',
      statusLabel: '未核对',
      message: '未比对',
    });
  });
});
