import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPermitUpsert, type PermitUpsertV1 } from '@hn/messages';
import { isValidCreditCode, parsePermitNumber } from '@hn/numbering';
import { BulkImporter, type ImportProgress, type PermitUpsertPort, type UpsertOutcome } from './bulk-importer';
import type { ImportRecord, ImportRowError } from './import-record';
import { parseImportFile } from './parse-import-file';
import { validateImportRecord } from './validate-import-record';

const TODAY = '2026-11-27';
const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures', name));
const numberMessage = (permitNumber: string): string => {
  const parsed = parsePermitNumber(permitNumber, { today: TODAY });
  if (parsed.ok) throw new Error(`${permitNumber} unexpectedly valid`);
  return parsed.message;
};
const allErrors = (records: ImportRecord[]): ImportRowError[] =>
  records.flatMap((record) => {
    const result = validateImportRecord(record, { today: TODAY });
    return result.ok ? [] : result.errors;
  });
const validBodies = (records: ImportRecord[]): Array<{ permitNumber: string; body: PermitUpsertV1 }> =>
  records.flatMap((record) => {
    const result = validateImportRecord(record, { today: TODAY });
    return result.ok ? [{ permitNumber: result.permitNumber, body: result.body }] : [];
  });
const reasonFor = (errors: ImportRowError[], row: number, field: string): string =>
  errors.find((e) => e.row === row && e.field === field)?.reason ?? '';

/** In-memory stand-in for the permits service: identical body → unchanged. */
class MemoryPort implements PermitUpsertPort {
  readonly stored = new Map<string, string>();
  readonly calls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  failOn = new Set<string>();

  async upsert(permitNumber: string, body: PermitUpsertV1): Promise<UpsertOutcome> {
    this.calls.push(permitNumber);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight--;
    if (this.failOn.has(permitNumber)) throw new Error('permits service unavailable');
    const json = JSON.stringify(body);
    const previous = this.stored.get(permitNumber);
    this.stored.set(permitNumber, json);
    if (previous === undefined) return 'created';
    return previous === json ? 'unchanged' : 'updated';
  }
}

describe(parseImportFile.name, () => {
  it('fixture credit codes used as "good" are valid GB 32100 codes', () => {
    for (const code of ['91430223MA4L0XKJ12', '91430102MA4R1L4P8Q', '91430121MA4QDHC27J', '91430100183762231Y']) {
      expect(isValidCreditCode(code)).toBe(true);
    }
    expect(isValidCreditCode('91430223MA4L0XKJ13')).toBe(false);
  });

  describe('CSV', () => {
    const records = parseImportFile(fixture('permits-sample.csv'), 'csv');

    it('groups consecutive rows of one permit and keeps the source line numbers', () => {
      expect(records.map((r) => [r.permitNumber, r.rows])).toEqual([
        ['430223202406200101', [2, 3]],
        ['430102202303150201', [4]],
        ['430223202402300101', [5]],
        ['430223202405100201', [6, 7]],
        ['430121202501080301', [8]],
        ['430121202501080401', [9]],
        ['430121202501080301', [10]],
      ]);
      expect(records[0].units.map((u) => u.row)).toEqual([2, 3]);
      expect(records[1].units).toEqual([]);
    });

    it('reports the exact list of row errors', () => {
      const errors = allErrors(records);
      expect(errors).toEqual([
        { row: 5, field: 'permitNumber', reason: numberMessage('430223202402300101') },
        { row: 5, field: 'projectType', reason: reasonFor(errors, 5, 'projectType') },
        { row: 5, field: 'developerCreditCode', reason: reasonFor(errors, 5, 'developerCreditCode') },
        { row: 5, field: 'issueDate', reason: reasonFor(errors, 5, 'issueDate') },
        { row: 5, field: 'plannedCompletionDate', reason: reasonFor(errors, 5, 'plannedCompletionDate') },
        { row: 5, field: 'floors', reason: reasonFor(errors, 5, 'floors') },
        { row: 5, field: 'floorArea', reason: reasonFor(errors, 5, 'floorArea') },
        { row: 6, field: 'regionCode', reason: reasonFor(errors, 6, 'regionCode') },
        { row: 6, field: 'issueDate', reason: reasonFor(errors, 6, 'issueDate') },
        { row: 7, field: 'unitCode', reason: reasonFor(errors, 7, 'unitCode') },
        { row: 8, field: 'permitNumber', reason: reasonFor(errors, 8, 'permitNumber') },
        { row: 10, field: 'permitNumber', reason: reasonFor(errors, 10, 'permitNumber') },
      ]);
      expect(reasonFor(errors, 5, 'projectType')).toContain('PRESOLD');
      expect(reasonFor(errors, 5, 'developerCreditCode')).toContain('统一社会信用代码');
      expect(reasonFor(errors, 5, 'issueDate')).toContain('2024-02-30');
      expect(reasonFor(errors, 5, 'plannedCompletionDate')).toContain('早于开工日期');
      expect(reasonFor(errors, 6, 'regionCode')).toContain('430223');
      expect(reasonFor(errors, 6, 'issueDate')).toContain('2024-05-10');
      expect(reasonFor(errors, 7, 'unitCode')).toContain('第 6 行');
      expect(reasonFor(errors, 8, 'permitNumber')).toContain('第 10 行');
      expect(reasonFor(errors, 10, 'permitNumber')).toContain('第 8 行');
    });

    it('builds normalised upsert bodies for the good permits', async () => {
      const valid = validBodies(records);
      expect(valid.map((v) => v.permitNumber)).toEqual([
        '430223202406200101',
        '430102202303150201',
        '430121202501080401',
      ]);
      expect(valid[0].body).toEqual({
        projectCode: '2024-430223-70-03-012345',
        projectName: '锦绣星城三期（22#-23#栋）',
        regionCode: '430223',
        projectType: 'PRESALE',
        category: '社会投资房建类',
        developerName: '攸县锦绣置业有限公司',
        developerCreditCode: '91430223MA4L0XKJ12',
        issueDate: '2024-06-20',
        startDate: '2024-07-01',
        plannedCompletionDate: '2026-06-30',
        fivePartyAcceptanceDate: null,
        completionFilingDate: null,
        units: [
          { unitCode: '2024-430223-70-03-012345-DT022', name: '22#栋', floors: 18, floorArea: 12345.6 },
          { unitCode: '2024-430223-70-03-012345-DT023', name: '23#栋', floors: 11, floorArea: 8020.25 },
        ],
      });
      expect(valid[1].body).toMatchObject({
        projectName: '芙蓉雅苑, 一期',
        projectType: null,
        category: '政府投资房建类',
        fivePartyAcceptanceDate: '2025-05-20',
        completionFilingDate: '2025-06-18',
        units: [],
      });
      // empty 项目类别 → the service default, whatever works category code (here 01) the number carries
      expect(valid[2].body).toMatchObject({
        projectType: 'OTHER',
        category: '社会投资房建类',
        startDate: null,
        plannedCompletionDate: null,
      });
      for (const { permitNumber, body } of valid)
        expect((await checkPermitUpsert(permitNumber, body, TODAY)).errors).toEqual([]);
    });

    it('accepts Chinese header names, a BOM, CRLF, blank lines and quoted line breaks', () => {
      const csv =
        '\ufeff施工许可证编号,项目代码,项目名称,区划代码,项目类型,建设单位,统一社会信用代码,发证日期,开工日期,计划竣工日期,五方验收日期,竣工备案日期,单体编码,单体名称,层数,建筑面积\r\n' +
        '\r\n' +
        '430223202406200101,2024-430223-70-03-012345,"锦绣星城\r\n三期",430223,预售商品房,攸县锦绣置业有限公司,91430223MA4L0XKJ12,2024-06-20,,,,,U1,1#栋,5,100\r\n' +
        '430223202406200101,2024-430223-70-03-012345,"锦绣星城\r\n三期",430223,预售商品房,攸县锦绣置业有限公司,91430223MA4L0XKJ12,2024-06-20,,,,,U2,2#栋,x,100\r\n';
      const parsed = parseImportFile(Buffer.from(csv, 'utf8'), 'csv');
      expect(parsed.map((r) => r.rows)).toEqual([[3, 5]]);
      expect(allErrors(parsed)).toEqual([{ row: 5, field: 'floors', reason: expect.stringContaining('层数') }]);
    });

    it("reads category as the optional free-text 项目类别, never compared with the number's works category code", () => {
      const header =
        '施工许可证编号,项目代码,项目名称,区划代码,项目类型,项目类别,建设单位,统一社会信用代码,发证日期,开工日期,计划竣工日期,五方验收日期,竣工备案日期,单体编码,单体名称,层数,建筑面积';
      const row = (permitNumber: string, category: string): string =>
        `${permitNumber},2024-430223-70-03-012345,锦绣星城,430223,PRESALE,${category},攸县锦绣置业有限公司,91430223MA4L0XKJ12,2024-06-20,,,,,U1,1#栋,5,100`;
      const csv = [
        header,
        row('430223202406200101', ' 政府投资房建类 '),
        row('430223202406200201', ''),
        row('430223202406200309', '社会投资房建类'),
        row('430223202406200401', '01'),
        row('430223202406200501', '类'.repeat(51)),
      ].join('\n');
      const parsed = parseImportFile(Buffer.from(csv), 'csv');
      expect(validBodies(parsed).map((v) => [v.permitNumber, v.body.category])).toEqual([
        ['430223202406200101', '政府投资房建类'],
        ['430223202406200201', '社会投资房建类'],
        ['430223202406200309', '社会投资房建类'],
        ['430223202406200401', '01'],
      ]);
      expect(allErrors(parsed)).toEqual([{ row: 6, field: 'category', reason: expect.stringContaining('项目类别') }]);
      const fifty = parseImportFile(Buffer.from(`${header}\n${row('430223202406200101', '类'.repeat(50))}`), 'csv');
      expect(validBodies(fifty).map((v) => v.body.category)).toEqual(['类'.repeat(50)]);
      // the works category code of the number is still checked by parsePermitNumber
      const badCode = parseImportFile(Buffer.from(`${header}\n${row('430223202406200120', '社会投资房建类')}`), 'csv');
      expect(allErrors(badCode)).toEqual([
        { row: 2, field: 'permitNumber', reason: numberMessage('430223202406200120') },
      ]);
    });

    it('flags rows whose repeated permit columns differ, extra cells, and empty unit rows of a multi-row permit', () => {
      const header =
        'permitNumber,projectCode,projectName,regionCode,projectType,developerName,developerCreditCode,issueDate,startDate,plannedCompletionDate,fivePartyAcceptanceDate,completionFilingDate,unitCode,unitName,floors,floorArea';
      const base =
        '430223202406200101,2024-430223-70-03-012345,锦绣星城,430223,PRESALE,攸县锦绣置业有限公司,91430223MA4L0XKJ12,2024-06-20,,,,';
      const csv = [
        header,
        `${base},U1,1#栋,5,100`,
        `${base.replace('锦绣星城', '锦绣新城')},U2,2#栋,5,100`,
        `${base},,,,`,
        `${base},U3,3#栋,5,100,extra`,
      ].join('\n');
      const parsed = parseImportFile(Buffer.from(csv), 'csv');
      expect(parsed).toHaveLength(1);
      expect(allErrors(parsed).map((e) => [e.row, e.field])).toEqual([
        [3, 'projectName'],
        [4, 'unitCode'],
        [5, 'row'],
      ]);
    });
  });

  describe('JSON', () => {
    const records = parseImportFile(fixture('permits-sample.json'), 'json');

    it('reports the exact list of errors (row = position in the array, from 1)', () => {
      const errors = allErrors(records);
      expect(errors.map((e) => [e.row, e.field])).toEqual([
        [2, 'record'],
        [3, 'units'],
        [4, 'permitNumber'],
        [4, 'projectName'],
        [4, 'fivePartyAcceptanceDate'],
        [4, 'units[0].floors'],
        [4, 'units[1].unitCode'],
        [4, 'units[1].name'],
        [4, 'units[1].floors'],
        [4, 'units[1].floorArea'],
      ]);
      expect(reasonFor(errors, 4, 'permitNumber')).toContain('应为文本');
      expect(reasonFor(errors, 4, 'units[1].unitCode')).toContain('units[0]');
    });

    it('normalises the good records (credit code case, area to two decimals, missing units)', () => {
      const valid = validBodies(records);
      expect(valid.map((v) => v.permitNumber)).toEqual(['430223202406200101', '430121202501080401']);
      expect(valid[0].body.units).toEqual([
        { unitCode: '2024-430223-70-03-012345-DT022', name: '22#栋', floors: 18, floorArea: 12345.68 },
      ]);
      expect(valid[0].body.category).toBe('社会投资房建类');
      expect(valid[1].body).toMatchObject({
        units: [],
        category: '社会投资房建类',
        completionFilingDate: '2026-04-10',
      });
    });

    it('checks the project code and unit code formats', () => {
      const item = JSON.parse(fixture('permits-sample.json').toString('utf8'))[0];
      const bad = {
        ...item,
        projectCode: '2024-110101-70-03-012345',
        units: [{ ...item.units[0], unitCode: '22#栋' }],
      };
      expect(allErrors(parseImportFile(Buffer.from(JSON.stringify([bad])), 'json')).map((e) => e.field)).toEqual([
        'projectCode',
        'units[0].unitCode',
      ]);
    });

    it('rejects a category that is not text and defaults a missing or null one', () => {
      const item = JSON.parse(fixture('permits-sample.json').toString('utf8'))[0];
      const parsed = parseImportFile(
        Buffer.from(
          JSON.stringify([
            { ...item, category: 1 },
            { ...item, permitNumber: '430223202406200201', category: null },
          ]),
        ),
        'json',
      );
      expect(allErrors(parsed)).toEqual([{ row: 1, field: 'category', reason: expect.stringContaining('应为文本') }]);
      expect(validBodies(parsed).map((v) => v.body.category)).toEqual(['社会投资房建类']);
    });

    it('detects duplicate permit numbers', () => {
      const item = JSON.parse(fixture('permits-sample.json').toString('utf8'))[0];
      const parsed = parseImportFile(Buffer.from(JSON.stringify([item, item])), 'json');
      expect(allErrors(parsed)).toEqual([
        { row: 1, field: 'permitNumber', reason: expect.stringContaining('第 2 行') },
        { row: 2, field: 'permitNumber', reason: expect.stringContaining('第 1 行') },
      ]);
    });
  });

  describe('whole-file problems come back as one row-0 error, never an exception', () => {
    const cases: Array<[string, Buffer, 'csv' | 'json', string]> = [
      ['bad JSON', Buffer.from('[{"permitNumber": '), 'json', 'JSON 格式错误'],
      ['JSON not an array', Buffer.from('{"permitNumber": "x"}'), 'json', '数组'],
      ['missing CSV header column', Buffer.from('permitNumber,projectName\n1,2\n'), 'csv', 'projectCode'],
      [
        'duplicate CSV header column',
        Buffer.from(fixture('permits-sample.csv').toString().replace('category', 'projectName')),
        'csv',
        '重复',
      ],
      ['empty CSV', Buffer.from('\n\n'), 'csv', '为空'],
      ['unclosed CSV quote', Buffer.from('permitNumber\n"abc\n'), 'csv', 'CSV 格式错误'],
      ['GBK file', Buffer.from([0xd0, 0xed, 0xbf, 0xc9, 0xd6, 0xa4]), 'csv', 'UTF-8'],
    ];
    it.each(cases)('%s', (_name, content, format, fragment) => {
      const parsed = parseImportFile(content, format);
      expect(parsed).toHaveLength(1);
      const errors = allErrors(parsed);
      expect(errors).toHaveLength(1);
      expect(errors[0].row).toBe(0);
      expect(errors[0].reason).toContain(fragment);
    });

    it('lists every missing column', () => {
      const [error] = allErrors(parseImportFile(Buffer.from('permitNumber,projectName\n'), 'csv'));
      expect(error).toEqual({
        row: 0,
        field: 'header',
        reason: expect.stringContaining('projectCode, regionCode, projectType, developerName'),
      });
    });
  });
});

describe(BulkImporter.name, () => {
  const importer = new BulkImporter();
  const records = parseImportFile(fixture('permits-sample.csv'), 'csv');

  it('dry run validates everything and calls nothing', async () => {
    const port = new MemoryPort();
    const report = await importer.run(records, { dryRun: true, today: TODAY }, port);
    expect(port.calls).toEqual([]);
    expect(report).toEqual({
      total: 7,
      valid: 3,
      invalid: 4,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      errors: allErrors(records),
      dryRun: true,
    });
  });

  it('upserts the valid records only, one at a time, and a re-run changes nothing', async () => {
    const port = new MemoryPort();
    const first = await importer.run(records, { dryRun: false, today: TODAY }, port);
    expect(port.calls).toEqual(['430223202406200101', '430102202303150201', '430121202501080401']);
    expect(port.maxInFlight).toBe(1);
    expect(first).toMatchObject({
      total: 7,
      valid: 3,
      invalid: 4,
      created: 3,
      updated: 0,
      unchanged: 0,
      dryRun: false,
    });
    expect(first.errors).toHaveLength(12);

    const second = await importer.run(records, { dryRun: false, today: TODAY }, port);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('counts an upsert that throws as failed and goes on', async () => {
    const port = new MemoryPort();
    port.failOn.add('430102202303150201');
    const report = await importer.run(records, { dryRun: false, today: TODAY }, port);
    expect(report).toMatchObject({ valid: 3, created: 2, failed: 1 });
    expect(report.errors).toContainEqual({
      row: 4,
      field: 'upsert',
      reason: expect.stringContaining('permits service unavailable'),
    });
  });

  it('reports progress every 500 records and at the end', async () => {
    const many = Array.from({ length: 1234 }, () => records[0]);
    const seen: number[] = [];
    const report = await importer.run(
      many,
      { dryRun: true, today: TODAY, onProgress: (p: ImportProgress) => seen.push(p.processed) },
      new MemoryPort(),
    );
    expect(seen).toEqual([500, 1000, 1234]);
    expect(report.valid).toBe(1234);
  });

  it('reports a whole-file problem as one invalid record with a row-0 error', async () => {
    const report = await importer.run(
      parseImportFile(Buffer.from('oops'), 'json'),
      { dryRun: false },
      new MemoryPort(),
    );
    expect(report).toMatchObject({ total: 1, valid: 0, invalid: 1, created: 0 });
    expect(report.errors).toEqual([{ row: 0, field: 'file', reason: expect.stringContaining('JSON') }]);
  });
});
