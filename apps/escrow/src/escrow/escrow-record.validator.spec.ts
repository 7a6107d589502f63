import { EscrowRecordInputV1 } from '@hn/messages';
import { sameInput, validateCorrectionReport, validateEscrowInput } from './escrow-record.validator';

const TODAY = '2025-01-10';
const input = (over: Partial<Record<keyof EscrowRecordInputV1, unknown>> = {}) =>
  ({
    capitalGuaranteeAmount: 150_000_000,
    commitmentLetter: false,
    fundSupervision: true,
    bank: '中国建设银行攸县支行',
    account: '4305-0162-1234-0000-0123',
    balance: 8_765_432_100,
    balanceAsOf: '2024-12-31',
    ...over,
  }) as EscrowRecordInputV1;
const fields = (v: unknown) => validateEscrowInput(v, TODAY).errors.map((e) => e.field);

describe(validateEscrowInput.name, () => {
  it('accepts a complete record, trims the bank and nulls bank/account without supervision', () => {
    expect(validateEscrowInput(input({ bank: '  中国建设银行攸县支行 ' }), TODAY)).toEqual({
      errors: [],
      value: input(),
    });
    expect(
      validateEscrowInput(input({ fundSupervision: false, bank: null, account: null }), TODAY).value,
    ).toMatchObject({ bank: null, account: null });
    expect(
      validateEscrowInput(input({ fundSupervision: false, bank: undefined, account: undefined }), TODAY).value,
    ).toMatchObject({ bank: null, account: null });
    expect(fields(input({ capitalGuaranteeAmount: null, commitmentLetter: true }))).toEqual([]);
    expect(
      fields(input({ capitalGuaranteeAmount: 0, balance: 0, balanceAsOf: TODAY, account: '43050162123400000123' })),
    ).toEqual([]);
  });

  it('a missing guarantee needs a commitment letter 承诺函替代保证金', () => {
    expect(validateEscrowInput(input({ capitalGuaranteeAmount: null, commitmentLetter: false }), TODAY).errors).toEqual(
      [{ field: 'capitalGuaranteeAmount', reason: expect.stringContaining('承诺函') }],
    );
  });

  it('bank and account both required with fund supervision, both null without', () => {
    expect(fields(input({ bank: '', account: null }))).toEqual(['bank', 'account']);
    expect(fields(input({ bank: '银'.repeat(101) }))).toEqual(['bank']);
    expect(fields(input({ bank: '建行\n攸县' }))).toEqual(['bank']);
    for (const account of ['123', '12a4567', '-1234', '1234-', '12--34', '1'.repeat(41), 1234567])
      expect(fields(input({ account }))).toEqual(['account']);
    expect(fields(input({ fundSupervision: false }))).toEqual(['bank', 'account']);
    expect(fields(input({ fundSupervision: false, bank: null }))).toEqual(['account']);
  });

  it('money is integer fen ≥ 0; the balance date is a real date, not in the future', () => {
    for (const bad of [-1, 1.5, '100', Number.NaN, 1e17])
      expect(fields(input({ capitalGuaranteeAmount: bad, balance: bad }))).toEqual([
        'capitalGuaranteeAmount',
        'balance',
      ]);
    expect(fields(input({ balanceAsOf: '2025-01-11' }))).toEqual(['balanceAsOf']);
    expect(fields(input({ balanceAsOf: '2024-02-30' }))).toEqual(['balanceAsOf']);
    expect(fields(input({ balanceAsOf: '2024/12/31' }))).toEqual(['balanceAsOf']);
  });

  it('lists every problem at once 一次列出全部问题', () => {
    expect(fields(undefined)).toEqual([
      'capitalGuaranteeAmount',
      'commitmentLetter',
      'fundSupervision',
      'balance',
      'balanceAsOf',
    ]);
    expect(fields([])).toEqual([
      'capitalGuaranteeAmount',
      'commitmentLetter',
      'fundSupervision',
      'balance',
      'balanceAsOf',
    ]);
    expect(fields(input({ commitmentLetter: 'yes', fundSupervision: 1 }))).toEqual([
      'commitmentLetter',
      'fundSupervision',
    ]);
  });

  it('compares inputs field by field', () => {
    expect(sameInput(input(), input())).toBe(true);
    expect(sameInput(input(), input({ balance: 1 }))).toBe(false);
    expect(sameInput(input(), input({ commitmentLetter: true }))).toBe(false);
  });
});

describe('escrow helpers', () => {
  it('checks a correction report', () => {
    expect(validateCorrectionReport({ reason: '余额录入错误', documentNumber: '湘建房函〔2024〕12号' })).toEqual([]);
    expect(validateCorrectionReport({ reason: ' ', documentNumber: 'x'.repeat(101) }).map((e) => e.field)).toEqual([
      'reason',
      'documentNumber',
    ]);
    expect(validateCorrectionReport(undefined).map((e) => e.field)).toEqual(['reason', 'documentNumber']);
  });
});
