import { buildCsv, csvCell, ExportCancelled, ExportTooLarge, ListPage, readAllPages } from './export-core';

describe(csvCell.name, () => {
  it.each([
    ['plain', 'plain'],
    ['攸县东城花园', '攸县东城花园'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
  ])('%j → %j (RFC 4180)', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    ['=HYPERLINK("http://x","点我")', `"'=HYPERLINK(""http://x"",""点我"")"`],
    ['=1+2', "'=1+2"],
    ['+86 138', "'+86 138"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindent', "'\tindent"],
    ['\r=cmd', `"'\r=cmd"`],
    ['-', "'-"],
  ])('neutralises the formula start of %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    ['-1234.56', '-1234.56'],
    [-5, '-5'],
    [0, '0'],
    ['1500000.00', '1500000.00'],
  ])('keeps the plain number %j a number', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    [null, ''],
    [undefined, ''],
    [true, '是'],
    [false, '否'],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe(buildCsv.name, () => {
  const columns = [
    { header: '证号 permitNumber', value: (r: { n: string; name: string }) => r.n },
    { header: '项目名称 projectName', value: (r: { n: string; name: string }) => r.name },
  ];

  it('starts with the UTF-8 BOM, ends every line with CRLF, one line per row', () => {
    const csv = buildCsv(columns, [
      { n: '430223202405100101', name: '东城花园, 一期' },
      { n: '430223202405100201', name: '=cmd|" /C calc"!A0' },
    ]);
    expect(csv).toBe(
      '\uFEFF证号 permitNumber,项目名称 projectName\r\n' +
        '430223202405100101,"东城花园, 一期"\r\n' +
        `430223202405100201,"'=cmd|"" /C calc""!A0"\r\n`,
    );
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes only the header for an empty result', () => {
    expect(buildCsv(columns, [])).toBe('\uFEFF证号 permitNumber,项目名称 projectName\r\n');
  });
});

describe(readAllPages.name, () => {
  /** A result of `total` rows served page by page, as a list route does (rows 1..total). */
  const serve = (rows: number[], lowerBoundAbove = Infinity) => {
    const asked: Array<[number, number]> = [];
    const getPage = async (page: number, pageSize: number): Promise<ListPage<number>> => {
      asked.push([page, pageSize]);
      const total = Math.min(rows.length, lowerBoundAbove);
      return {
        items: rows.slice((page - 1) * pageSize, page * pageSize),
        total,
        ...(rows.length > lowerBoundAbove ? { totalIsLowerBound: true } : {}),
      };
    };
    return { asked, getPage };
  };
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

  it('reads every page at the given page size, reporting progress', async () => {
    const { asked, getPage } = serve(range(250));
    const progress: Array<[number, number]> = [];
    const result = await readAllPages({
      getPage,
      pageSize: 100,
      limit: 1000,
      key: String,
      onProgress: (read, total) => progress.push([read, total]),
    });
    expect(result).toEqual({ rows: range(250), firstTotal: 250, lastTotal: 250, changed: false });
    expect(asked).toEqual([
      [1, 100],
      [2, 100],
      [3, 100],
    ]);
    expect(progress).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
  });

  it('reads one page of an empty or small result', async () => {
    const empty = serve([]);
    expect(await readAllPages({ getPage: empty.getPage, pageSize: 100, limit: 10 })).toEqual({
      rows: [],
      firstTotal: 0,
      lastTotal: 0,
      changed: false,
    });
    expect(empty.asked).toHaveLength(1);
  });

  it('refuses a result above the limit after the first page', async () => {
    const { asked, getPage } = serve(range(120));
    await expect(readAllPages({ getPage, pageSize: 50, limit: 100 })).rejects.toEqual(new ExportTooLarge(120, 100));
    expect(asked).toHaveLength(1);
  });

  it('reads a lower-bound total until a short page, and refuses past the limit', async () => {
    const capped = serve(range(230), 200);
    const result = await readAllPages({ getPage: capped.getPage, pageSize: 100, limit: 1000 });
    expect(result.rows).toEqual(range(230));
    expect(capped.asked).toHaveLength(3);
    const over = serve(range(1200), 200);
    await expect(readAllPages({ getPage: over.getPage, pageSize: 100, limit: 1000 })).rejects.toBeInstanceOf(
      ExportTooLarge,
    );
    expect(over.asked).toHaveLength(11);
  });

  it('says the result changed when the total moves or a row comes twice', async () => {
    const rows = range(150);
    let calls = 0;
    // a row inserted at the top after page 1: row 100 shifts onto page 2 and is read twice
    const getPage = async (page: number, pageSize: number): Promise<ListPage<number>> => {
      if (calls++ === 1) rows.unshift(0);
      return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length };
    };
    const result = await readAllPages({ getPage, pageSize: 100, limit: 1000, key: String });
    expect(result.changed).toBe(true);
    expect(result.firstTotal).toBe(150);
    expect(result.lastTotal).toBe(151);
    expect(new Set(result.rows).size).toBe(result.rows.length);
  });

  it('says so when fewer rows come than the total announced', async () => {
    const rows = range(150);
    let calls = 0;
    const getPage = async (page: number, pageSize: number): Promise<ListPage<number>> => {
      // the total a count run earlier reported, rows since deleted
      if (calls++ === 1) rows.splice(0, 10);
      return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: 150 };
    };
    expect((await readAllPages({ getPage, pageSize: 100, limit: 1000 })).changed).toBe(true);
  });

  it('stops when cancelled, before the next page', async () => {
    const controller = new AbortController();
    const { asked, getPage } = serve(range(300));
    const reading = readAllPages({
      getPage,
      pageSize: 100,
      limit: 1000,
      signal: controller.signal,
      onProgress: (read) => {
        if (read === 200) controller.abort();
      },
    });
    await expect(reading).rejects.toBeInstanceOf(ExportCancelled);
    expect(asked).toHaveLength(2);
  });
});
