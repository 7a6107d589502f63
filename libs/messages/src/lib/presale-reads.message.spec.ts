import { PresaleNumberBodyV1, PresalePrintLayoutRequestV1, PresaleQrRequestV1 } from './presale-reads.message';
import { Rpc } from './rpc-map';
import { validateMessage } from './validation/validate-message';

const Y = '430223202406200101-Y01';

const errorsOf = async <T extends object>(type: new () => T, value: unknown) => {
  const result = await validateMessage(type, value);
  return result.ok ? [] : result.errors;
};

describe(PresaleNumberBodyV1.name, () => {
  it('accepts a Y or Z number', async () => {
    expect(await errorsOf(PresaleNumberBodyV1, { presaleNumber: Y })).toEqual([]);
    expect(await errorsOf(PresaleNumberBodyV1, { presaleNumber: '430223202406200101-Z02' })).toEqual([]);
  });

  it('names the format or the permit part that is wrong', async () => {
    expect(await errorsOf(PresaleNumberBodyV1, { presaleNumber: '430223202406200101-Y00' })).toEqual([
      { field: 'presaleNumber', reason: expect.stringMatching(/^FORMAT: /) },
    ]);
    expect(await errorsOf(PresaleNumberBodyV1, { presaleNumber: '430223202402300101-Y01' })).toEqual([
      { field: 'presaleNumber', reason: expect.stringMatching(/^IMPOSSIBLE_DATE: /) },
    ]);
    expect(await errorsOf(PresaleNumberBodyV1, {})).toEqual([{ field: 'presaleNumber', reason: expect.any(String) }]);
    expect(await errorsOf(PresaleNumberBodyV1, { presaleNumber: Y, extra: 1 })).toEqual([
      { field: 'extra', reason: expect.any(String) },
    ]);
  });

  it('is answered 400 INVALID_PRESALE_NUMBER naming the value (Rpc.presaleGet)', () => {
    const errors = [{ field: 'presaleNumber', reason: 'FORMAT: …' }];
    expect(Rpc.presaleGet.request!.invalid(errors, { presaleNumber: 'x'.repeat(50) })).toEqual({
      status: 400,
      code: 'INVALID_PRESALE_NUMBER',
      detail: `预售许可证编号无效：${'x'.repeat(40)}… (invalid presale permit number)`,
      errors,
    });
  });
});

describe(PresaleQrRequestV1.name, () => {
  it('accepts png and svg, refuses another format', async () => {
    expect(await errorsOf(PresaleQrRequestV1, { presaleNumber: Y, format: 'svg' })).toEqual([]);
    expect(await errorsOf(PresaleQrRequestV1, { presaleNumber: Y, format: 'gif' })).toEqual([
      { field: 'format', reason: expect.any(String) },
    ]);
  });
});

describe(PresalePrintLayoutRequestV1.name, () => {
  it('takes an optional paper size of the list', async () => {
    expect(await errorsOf(PresalePrintLayoutRequestV1, { presaleNumber: Y })).toEqual([]);
    expect(await errorsOf(PresalePrintLayoutRequestV1, { presaleNumber: Y, paper: 'LETTER' })).toEqual([]);
    expect(await errorsOf(PresalePrintLayoutRequestV1, { presaleNumber: Y, paper: 'A6' })).toEqual([
      { field: 'paper', reason: 'paper 须为 A4 / A3 / A5 / B5 / LETTER 之一 (unsupported paper size)' },
    ]);
  });

  it('reports a bad number alone and first (400 INVALID_PRESALE_NUMBER), else 400 VALIDATION_FAILED', () => {
    const invalid = Rpc.presalePrintLayout.request!.invalid;
    const number = { field: 'presaleNumber', reason: 'FORMAT: …' };
    const paper = { field: 'paper', reason: 'paper …' };
    expect(invalid([number, paper], { presaleNumber: 'x', paper: 'A6' })).toMatchObject({
      status: 400,
      code: 'INVALID_PRESALE_NUMBER',
      errors: [number],
    });
    expect(invalid([paper], { presaleNumber: Y, paper: 'A6' })).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });
});
