import { PermitNumberBody } from './permit-number-body.message';
import { InvalidPayloads } from './validation/invalid-payload';
import { validateMessage } from './validation/validate-message';

const errorsOf = async (value: unknown) => {
  const r = await validateMessage(PermitNumberBody, value);
  return r.ok ? [] : r.errors;
};

describe(PermitNumberBody.name, () => {
  it('takes a valid 18-digit permit number', async () => {
    expect(await validateMessage(PermitNumberBody, { permitNumber: '430223202406200101' })).toMatchObject({
      ok: true,
      value: { permitNumber: '430223202406200101' },
    });
  });

  it.each([
    ['43022320240620010', 'WRONG_LENGTH'],
    ['43022320240620010A', 'NOT_DIGITS'],
    ['439999202406200101', 'UNKNOWN_REGION'],
    ['430221202406200101', 'RETIRED_REGION'],
    ['430223202402300101', 'IMPOSSIBLE_DATE'],
    [430223, 'WRONG_LENGTH'],
    [undefined, 'WRONG_LENGTH'],
  ])('refuses %p with the numbering reason %s', async (permitNumber, reason) => {
    const errors = await errorsOf({ permitNumber });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ field: 'permitNumber' });
    expect(errors[0]!.reason.startsWith(`${reason}: `)).toBe(true);
  });

  it('refuses unknown fields by name', async () => {
    expect((await errorsOf({ permitNumber: '430223202406200101', extra: 1 })).map((e) => e.field)).toEqual(['extra']);
  });

  it('is answered 400 INVALID_PERMIT_NUMBER with the sentence of the reason, VALIDATION_FAILED without it', async () => {
    const errors = await errorsOf({ permitNumber: '43022320240620010' });
    expect(InvalidPayloads.permitNumber(errors)).toEqual({
      status: 400,
      code: 'INVALID_PERMIT_NUMBER',
      detail: '施工许可证编号无效：施工许可证编号应为 18 位，实际 17 位 (permit number must be 18 characters, got 17)',
    });
    expect(InvalidPayloads.permitNumber([{ field: 'extra', reason: 'x' }])).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });
});
