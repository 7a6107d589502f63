import { ContractBuyerV1, ContractFilingSubmissionV1, validateContractFilingSubmission } from '@hn/messages';
import { BUYER_ID, BUYER_PHONE, creditCode, residentId, submission } from '../../test/contract-filing.fixtures';

const wrongCheckDigit = BUYER_ID.slice(0, 17) + (BUYER_ID.endsWith('1') ? '2' : '1');
const ctx = { today: '2024-10-01', cutoverDate: '2024-09-01' };
const validate = (s: unknown) => validateContractFilingSubmission(s as ContractFilingSubmissionV1, ctx);
const fields = (s: unknown) => validate(s).map((e) => e.field);
const person = (over: Record<string, unknown>): ContractBuyerV1 =>
  ({
    type: 'PERSON',
    name: '李四',
    idType: 'RESIDENT_ID',
    idNumber: residentId('11010519491231002'),
    phone: '13912345678',
    ...over,
  }) as ContractBuyerV1;

describe(validateContractFilingSubmission.name, () => {
  it('accepts a complete filing 完整的备案通过', () => {
    expect(validate(submission())).toEqual([]);
  });

  it('refuses a non-object body', () => {
    for (const bad of [null, 'x', 42, []]) expect(fields(bad)).toEqual(['body']);
  });

  it('reports every problem at once, with field paths 一次报告全部问题', () => {
    const bad = submission({
      presaleNumber: '430223202406200101-X01',
      building: '',
      rooms: [{ roomNumber: '', floor: 0, floorArea: 1.234 }],
      address: ' ',
      buyers: [
        person({ idNumber: wrongCheckDigit }),
        { type: 'ORGANIZATION', name: '公司', creditCode: '91430223MA4Q0ABC10' },
      ],
      contractAmount: -1,
      filingDate: '2024-08-31',
      document: { sha256: 'xyz', fileName: '../etc/passwd' },
    });
    expect(fields(bad)).toEqual([
      'presaleNumber',
      'building',
      'rooms[0].roomNumber',
      'rooms[0].floor',
      'rooms[0].floorArea',
      'address',
      'buyers[0].idNumber',
      'buyers[1].creditCode',
      'contractAmount',
      'filingDate',
      'document.sha256',
      'document.fileName',
    ]);
  });

  it('requires rooms and buyers, without duplicates', () => {
    expect(fields(submission({ rooms: [] }))).toEqual(['rooms']);
    expect(fields(submission({ buyers: [] }))).toEqual(['buyers']);
    const room = { roomNumber: '1-101', floor: 1, floorArea: 89.5 };
    expect(fields(submission({ rooms: [room, { ...room, roomNumber: ' 1-101 ' }] }))).toEqual(['rooms[1].roomNumber']);
    expect(residentId('11010519491231002')).toBe('11010519491231002X');
    expect(fields(submission({ buyers: [person({}), person({ idNumber: '11010519491231002x' })] }))).toEqual([
      'buyers[1].idNumber',
    ]); // same person, lower-case x
    expect(fields(submission({ buyers: [person({}), person({ name: '王五' })] }))).toEqual(['buyers[1].idNumber']);
    expect(
      fields(
        submission({
          buyers: [
            { type: 'ORGANIZATION', name: 'A', creditCode: creditCode() },
            { type: 'ORGANIZATION', name: 'B', creditCode: creditCode() },
          ],
        }),
      ),
    ).toEqual(['buyers[1].creditCode']);
  });

  it('checks resident IDs per GB 11643 (check digit, birth date) 身份证校验', () => {
    expect(fields(submission({ buyers: [person({ idNumber: wrongCheckDigit })] }))).toEqual(['buyers[0].idNumber']);
    expect(fields(submission({ buyers: [person({ idNumber: '11010519491231002x' })] }))).toEqual([]);
    expect(fields(submission({ buyers: [person({ idNumber: residentId('43022320250101123') })] }))).toEqual([
      'buyers[0].idNumber',
    ]); // born after today
    expect(fields(submission({ buyers: [person({ idNumber: residentId('43022319900231123') })] }))).toEqual([
      'buyers[0].idNumber',
    ]); // 31 Feb
    expect(fields(submission({ buyers: [person({ idNumber: '4302231990010112' })] }))).toEqual(['buyers[0].idNumber']);
  });

  it('checks the format of the other ID types 其他证件格式', () => {
    const ok: Array<[string, string]> = [
      ['PASSPORT', 'E12345678'],
      ['PASSPORT', 'ea1234567'],
      ['HK_MACAO_PERMIT', 'H12345678'],
      ['HK_MACAO_PERMIT', 'M1234567890'],
      ['TAIWAN_PERMIT', '12345678'],
      ['TAIWAN_PERMIT', '1234567890(B)'],
      ['OTHER', 'USA123456789012'],
    ];
    for (const [idType, idNumber] of ok)
      expect(fields(submission({ buyers: [person({ idType, idNumber })] }))).toEqual([]);
    const bad: Array<[string, string]> = [
      ['PASSPORT', 'E1-23'],
      ['HK_MACAO_PERMIT', 'X12345678'],
      ['HK_MACAO_PERMIT', 'H1234567'],
      ['TAIWAN_PERMIT', '1234567'],
      ['OTHER', 'ab'],
    ];
    for (const [idType, idNumber] of bad)
      expect(fields(submission({ buyers: [person({ idType, idNumber })] }))).toEqual(['buyers[0].idNumber']);
    expect(fields(submission({ buyers: [person({ idType: 'DRIVER_LICENSE' })] }))).toEqual(['buyers[0].idType']);
    expect(fields(submission({ buyers: [{ type: 'ROBOT', name: 'x' } as unknown as ContractBuyerV1] }))).toEqual([
      'buyers[0].type',
    ]);
  });

  it('checks phone numbers', () => {
    for (const phone of ['13812345678', '0731-88889999', '073188889999', '+85291234567'])
      expect(fields(submission({ buyers: [person({ phone })] }))).toEqual([]);
    for (const phone of ['12345678901', '1381234567', 'call me', '', undefined])
      expect(fields(submission({ buyers: [person({ phone })] }))).toEqual(['buyers[0].phone']);
  });

  it('enforces the cut-over date and refuses future dates 切换日期', () => {
    expect(fields(submission({ filingDate: '2024-09-01' }))).toEqual([]);
    expect(fields(submission({ filingDate: '2024-08-31' }))).toEqual(['filingDate']);
    expect(fields(submission({ filingDate: '2024-10-02' }))).toEqual(['filingDate']);
    expect(fields(submission({ filingDate: '2024-02-30' }))).toEqual(['filingDate']);
    expect(
      validateContractFilingSubmission(submission({ filingDate: '2024-09-15' }), {
        ...ctx,
        cutoverDate: '2024-10-01',
      }).map((e) => e.field),
    ).toEqual(['filingDate']);
  });

  it('checks rooms: floor non-zero integer, area two decimals', () => {
    expect(fields(submission({ rooms: [{ roomNumber: 'B1-01', floor: -1, floorArea: 120.25 }] }))).toEqual([]);
    expect(fields(submission({ rooms: [{ roomNumber: '1', floor: 1.5, floorArea: 0 }] }))).toEqual([
      'rooms[0].floor',
      'rooms[0].floorArea',
    ]);
    expect(fields(submission({ rooms: [null as never] }))).toEqual(['rooms[0]']);
  });

  it('needs amounts in whole fen', () => {
    expect(fields(submission({ contractAmount: 1234.5 }))).toContain('contractAmount');
    expect(fields(submission({ contractAmount: '123456700' as unknown as number }))).toContain('contractAmount');
  });

  it('never echoes ID or phone numbers in reasons 原因中不含证件号和电话', () => {
    const text = JSON.stringify(
      validate(
        submission({
          buyers: [
            person({ idNumber: wrongCheckDigit, phone: '1381234567x' }),
            person({ idType: 'PASSPORT', idNumber: 'SECRET-NUMBER-1' }),
          ],
        }),
      ),
    );
    expect(text).not.toContain(wrongCheckDigit);
    expect(text).not.toContain('1381234567x');
    expect(text).not.toContain('SECRET-NUMBER-1');
    expect(JSON.stringify(validate(submission()))).not.toContain(BUYER_ID);
    expect(BUYER_PHONE).toHaveLength(11);
  });
});
