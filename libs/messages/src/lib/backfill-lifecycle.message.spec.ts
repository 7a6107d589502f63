import {
  BackfillSubmitRequest,
  BackfillWithdrawRequest,
  duplicatePresaleNumbersError,
  Z_PRESALE_EXAMPLE,
} from './backfill-lifecycle.message';
import { validateMessage } from './validation/validate-message';

const fieldsOf = async <T extends object>(type: new () => T, value: unknown): Promise<string[]> => {
  const result = await validateMessage(type, value);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

describe(BackfillWithdrawRequest.name, () => {
  it('accepts an absent body, an empty one and a named number', async () => {
    expect(await fieldsOf(BackfillWithdrawRequest, undefined)).toEqual([]);
    expect(await fieldsOf(BackfillWithdrawRequest, {})).toEqual([]);
    expect(await fieldsOf(BackfillWithdrawRequest, { presaleNumber: Z_PRESALE_EXAMPLE })).toEqual([]);
  });

  it('refuses a non-string number, control characters and unknown fields by name', async () => {
    expect(await fieldsOf(BackfillWithdrawRequest, { presaleNumber: 5 })).toEqual(['presaleNumber']);
    expect(await fieldsOf(BackfillWithdrawRequest, { presaleNumber: 'a\u0000' })).toEqual(['presaleNumber']);
    expect(await fieldsOf(BackfillWithdrawRequest, { extra: 1 })).toEqual(['extra']);
  });
});

describe(BackfillSubmitRequest.name, () => {
  it('accepts 1 to 100 numbers', async () => {
    expect(await fieldsOf(BackfillSubmitRequest, { presaleNumbers: [Z_PRESALE_EXAMPLE] })).toEqual([]);
    const hundred = Array.from({ length: 100 }, (_, i) => `430223202406200101-Z${String(i).padStart(2, '0')}`);
    expect(await fieldsOf(BackfillSubmitRequest, { presaleNumbers: hundred })).toEqual([]);
  });

  it('refuses a missing, empty, too long or non-string list, one reason for the field', async () => {
    for (const presaleNumbers of [undefined, [], Array(101).fill(Z_PRESALE_EXAMPLE), 'x', [1]])
      expect(await fieldsOf(BackfillSubmitRequest, { presaleNumbers })).toEqual(['presaleNumbers']);
  });
});

describe(duplicatePresaleNumbersError.name, () => {
  it('names the list when a number appears twice', () => {
    expect(duplicatePresaleNumbersError([Z_PRESALE_EXAMPLE, '430223202406200101-Z02'])).toBeNull();
    expect(duplicatePresaleNumbersError([Z_PRESALE_EXAMPLE, Z_PRESALE_EXAMPLE])).toEqual({
      field: 'presaleNumbers',
      reason: expect.any(String),
    });
  });
});
