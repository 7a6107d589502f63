import { ContractBuyerV1, ContractFilingSubmission, validateSubmission } from '@hn/messages';
import { BUYER_ID, BUYER_PHONE, creditCode, residentId, submission } from '../../test/contract-filing.fixtures';

const wrongCheckDigit = BUYER_ID.slice(0, 17) + (BUYER_ID.endsWith('1') ? '2' : '1');
const validate = async (s: unknown) => {
  const result = await validateSubmission(ContractFilingSubmission, s);
  return result.ok ? [] : result.errors;
};
const fields = async (s: unknown) => (await validate(s)).map((e) => e.field);
const person = (over: Record<string, unknown>): ContractBuyerV1 =>
  ({
    type: 'PERSON',
    name: '李四',
    idType: 'RESIDENT_ID',
    idNumber: residentId('11010519491231002'),
    phone: '13912345678',
    ...over,
  }) as ContractBuyerV1;

describe(ContractFilingSubmission.name, () => {
  it('accepts a complete filing 完整的备案通过', async () => {
    expect(await validate(submission())).toEqual([]);
  });

  it('refuses a non-object body', async () => {
    for (const bad of ['x', 42, []]) expect(await fields(bad)).toEqual(['body']);
  });

  it('reports every problem at once, with field paths 一次报告全部问题', async () => {
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
    expect(await fields(bad)).toEqual([
      'presaleNumber',
      'building',
      'rooms[0].roomNumber',
      'rooms[0].floor',
      'rooms[0].floorArea',
      'address',
      'buyers[0].idNumber',
      'buyers[1].creditCode',
      'contractAmount',
      'document.sha256',
      'document.fileName',
    ]);
  });

  it('requires rooms and buyers, without duplicates', async () => {
    expect(await fields(submission({ rooms: [] }))).toEqual(['rooms']);
    expect(await fields(submission({ buyers: [] }))).toEqual(['buyers']);
    const room = { roomNumber: '1-101', floor: 1, floorArea: 89.5 };
    expect(await fields(submission({ rooms: [room, { ...room, roomNumber: ' 1-101 ' }] }))).toEqual([
      'rooms[1].roomNumber',
    ]);
    expect(residentId('11010519491231002')).toBe('11010519491231002X');
    expect(await fields(submission({ buyers: [person({}), person({ idNumber: '11010519491231002x' })] }))).toEqual([
      'buyers[1].idNumber',
    ]); // same person, lower-case x
    expect(await fields(submission({ buyers: [person({}), person({ name: '王五' })] }))).toEqual([
      'buyers[1].idNumber',
    ]);
    expect(
      await fields(
        submission({
          buyers: [
            { type: 'ORGANIZATION', name: 'A', creditCode: creditCode() },
            { type: 'ORGANIZATION', name: 'B', creditCode: creditCode() },
          ],
        }),
      ),
    ).toEqual(['buyers[1].creditCode']);
  });

  it('checks resident IDs per GB 11643 (check digit, birth date) 身份证校验', async () => {
    expect(await fields(submission({ buyers: [person({ idNumber: wrongCheckDigit })] }))).toEqual([
      'buyers[0].idNumber',
    ]);
    expect(await fields(submission({ buyers: [person({ idNumber: '11010519491231002x' })] }))).toEqual([]);
    expect(await fields(submission({ buyers: [person({ idNumber: residentId('43022320990101123') })] }))).toEqual([
      'buyers[0].idNumber',
    ]); // born after today
    expect(await fields(submission({ buyers: [person({ idNumber: residentId('43022319900231123') })] }))).toEqual([
      'buyers[0].idNumber',
    ]); // 31 Feb
    expect(await fields(submission({ buyers: [person({ idNumber: '4302231990010112' })] }))).toEqual([
      'buyers[0].idNumber',
    ]);
  });

  it('checks the format of the other ID types 其他证件格式', async () => {
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
      expect(await fields(submission({ buyers: [person({ idType, idNumber })] }))).toEqual([]);
    const bad: Array<[string, string]> = [
      ['PASSPORT', 'E1-23'],
      ['HK_MACAO_PERMIT', 'X12345678'],
      ['HK_MACAO_PERMIT', 'H1234567'],
      ['TAIWAN_PERMIT', '1234567'],
      ['OTHER', 'ab'],
    ];
    for (const [idType, idNumber] of bad)
      expect(await fields(submission({ buyers: [person({ idType, idNumber })] }))).toEqual(['buyers[0].idNumber']);
    expect(await fields(submission({ buyers: [person({ idType: 'DRIVER_LICENSE' })] }))).toEqual(['buyers[0].idType']);
    expect(await fields(submission({ buyers: [{ type: 'ROBOT', name: 'x' } as unknown as ContractBuyerV1] }))).toEqual([
      'buyers[0].type',
    ]);
  });

  it('checks phone numbers', async () => {
    for (const phone of ['13812345678', '0731-88889999', '073188889999', '+85291234567'])
      expect(await fields(submission({ buyers: [person({ phone })] }))).toEqual([]);
    for (const phone of ['12345678901', '1381234567', 'call me', '', undefined])
      expect(await fields(submission({ buyers: [person({ phone })] }))).toEqual(['buyers[0].phone']);
  });

  it('refuses unreal and future dates; the cut-over is configuration of the contracts service 日期', async () => {
    expect(await fields(submission({ filingDate: '2024-09-01' }))).toEqual([]);
    expect(await fields(submission({ filingDate: '2024-08-31' }))).toEqual([]);
    expect(await fields(submission({ filingDate: '2999-01-01' }))).toEqual(['filingDate']);
    expect(await fields(submission({ filingDate: '2024-02-30' }))).toEqual(['filingDate']);
  });

  it('checks rooms: floor non-zero integer, area two decimals', async () => {
    expect(await fields(submission({ rooms: [{ roomNumber: 'B1-01', floor: -1, floorArea: 120.25 }] }))).toEqual([]);
    expect(await fields(submission({ rooms: [{ roomNumber: '1', floor: 1.5, floorArea: 0 }] }))).toEqual([
      'rooms[0].floor',
      'rooms[0].floorArea',
    ]);
    expect(await fields(submission({ rooms: [null as never] }))).toEqual(['rooms[0]']);
  });

  it('needs amounts in whole fen', async () => {
    expect(await fields(submission({ contractAmount: 1234.5 }))).toContain('contractAmount');
    expect(await fields(submission({ contractAmount: '123456700' as unknown as number }))).toContain('contractAmount');
  });

  it('never echoes ID or phone numbers in reasons 原因中不含证件号和电话', async () => {
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
