import { consistencyFiguresOf, figureCountsOf } from './statistics-consistency';
import { SourceRecount, SourceRecountRequest, StatisticsConsistencyQuery } from './statistics-consistency.message';
import { validateMessage } from './validation/validate-message';

const errorsOf = async (type: new () => object, value: unknown) => {
  const r = await validateMessage(type, value);
  return r.ok ? [] : r.errors.map((e) => e.field);
};

const recount = (over: Record<string, unknown> = {}) => ({
  source: 'contracts',
  regionCode: '430223',
  asOf: '2024-09-30',
  figures: [
    { figure: 'filings.count', total: 3, projects: [{ projectCode: 'P1', count: 3 }] },
    { figure: 'filings.cancelled', total: 0, projects: [] },
  ],
  ...over,
});

describe('consistency messages', () => {
  it('takes the query with an optional asOf and refuses a retired region', async () => {
    expect(await errorsOf(StatisticsConsistencyQuery, { regionCode: '430200' })).toEqual([]);
    expect(await errorsOf(StatisticsConsistencyQuery, { regionCode: '430124', asOf: '2014-12-31' })).toEqual([
      'regionCode',
      'asOf',
    ]);
  });

  it('requires asOf in a source recount request and refuses unknown fields', async () => {
    expect(await errorsOf(SourceRecountRequest, { regionCode: '430223', asOf: '2024-09-30' })).toEqual([]);
    expect(await errorsOf(SourceRecountRequest, { regionCode: '430223' })).toEqual(['asOf']);
    expect(await errorsOf(SourceRecountRequest, { regionCode: '430223', asOf: '2024-09-30', codes: [] })).toEqual([
      'codes',
    ]);
  });

  it('validates a source reply whole: figure names, counts and the nested projects', async () => {
    expect(await errorsOf(SourceRecount, recount())).toEqual([]);
    expect(await errorsOf(SourceRecount, recount({ source: 'gateway' }))).toEqual(['source']);
    const bad = recount({
      figures: [{ figure: 'filings.total', total: -1, projects: [{ projectCode: 'P1', count: 0 }] }],
    });
    expect(await errorsOf(SourceRecount, bad)).toEqual([
      'figures[0].figure',
      'figures[0].total',
      'figures[0].projects[0].count',
    ]);
    expect(await errorsOf(SourceRecount, recount({ figures: 'none' }))).toEqual(['figures']);
  });

  it('turns per-project rows into totals and the projects above 0, by project code', () => {
    const rows = [
      { project_code: 'P2', 'filings.count': '2', 'filings.cancelled': '0' },
      { project_code: 'P1', 'filings.count': '1', 'filings.cancelled': '1' },
    ];
    expect(figureCountsOf(consistencyFiguresOf('contracts'), rows)).toEqual([
      {
        figure: 'filings.count',
        total: 3,
        projects: [
          { projectCode: 'P1', count: 1 },
          { projectCode: 'P2', count: 2 },
        ],
      },
      { figure: 'filings.cancelled', total: 1, projects: [{ projectCode: 'P1', count: 1 }] },
    ]);
  });
});
