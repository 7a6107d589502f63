import { PresaleNumberBody } from './presale-number-body.message';
import { InvalidPayloads } from './validation/invalid-payload';
import { validateMessage } from './validation/validate-message';

const errorsOf = async (value: unknown) => {
  const r = await validateMessage(PresaleNumberBody, value);
  return r.ok ? [] : r.errors;
};

describe(PresaleNumberBody.name, () => {
  it('takes a Y or Z number whose construction permit number is valid', async () => {
    for (const presaleNumber of ['430223202406200101-Y01', '430223202406200101-Z99'])
      expect(await errorsOf({ presaleNumber })).toEqual([]);
  });

  it('refuses a malformed number (FORMAT) or an invalid embedded permit number (its reason)', async () => {
    for (const [presaleNumber, code] of [
      ['nope', 'FORMAT'],
      ['430223202406200101-Y00', 'FORMAT'],
      ['430223202406200101-X01', 'FORMAT'],
      [undefined, 'FORMAT'],
      ['439999202406200101-Y01', 'UNKNOWN_REGION'],
      ['430223202402300101-Y01', 'IMPOSSIBLE_DATE'],
    ]) {
      const errors = await errorsOf({ presaleNumber });
      expect(errors).toHaveLength(1);
      expect(errors[0]!.field).toBe('presaleNumber');
      expect(errors[0]!.reason.startsWith(`${code}: `)).toBe(true);
    }
  });

  it('is answered 400 INVALID_PRESALE_NUMBER naming the number (at most 40 characters)', async () => {
    const body = { presaleNumber: `430223202406200101-Y01${'9'.repeat(30)}` };
    expect(InvalidPayloads.presaleNumber(await errorsOf(body), body)).toEqual({
      status: 400,
      code: 'INVALID_PRESALE_NUMBER',
      detail: `预售许可证编号无效：${body.presaleNumber.slice(0, 40)}… (invalid presale permit number)`,
    });
    const extra = { presaleNumber: '430223202406200101-Y01', x: 1 };
    expect(InvalidPayloads.presaleNumber(await errorsOf(extra), extra)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
