import { ContractPaymentV1, validatePayment } from '@hn/messages';

const fields = (p: unknown, amount: unknown = 1_000_000) =>
  validatePayment(p as ContractPaymentV1, amount).map((e) => e.field);

describe(validatePayment.name, () => {
  it('accepts consistent payments for each method 各付款方式', () => {
    expect(fields({ method: 'FULL', downPayment: 1_000_000 })).toEqual([]);
    expect(fields({ method: 'FULL', downPayment: 1_000_000, commercialLoan: 0, providentFundLoan: 0 })).toEqual([]);
    expect(fields({ method: 'COMMERCIAL_LOAN', downPayment: 300_000, commercialLoan: 700_000 })).toEqual([]);
    expect(
      fields({ method: 'PROVIDENT_FUND_LOAN', downPayment: 300_000, providentFundLoan: 700_000, commercialLoan: 0 }),
    ).toEqual([]);
    expect(
      fields({ method: 'COMBINED', downPayment: 200_000, commercialLoan: 500_000, providentFundLoan: 300_000 }),
    ).toEqual([]);
  });

  it('requires the parts to add up to the contract amount 合计须等于总价', () => {
    expect(fields({ method: 'FULL', downPayment: 999_999 })).toEqual(['payment']);
    expect(
      fields({ method: 'COMBINED', downPayment: 200_000, commercialLoan: 500_000, providentFundLoan: 300_001 }),
    ).toEqual(['payment']);
    expect(fields({ method: 'FULL', downPayment: 999_999 }, -5)).toEqual([]); // amount reported on its own field
  });

  it('requires the loans to match the method 贷款须与付款方式一致', () => {
    expect(fields({ method: 'FULL', downPayment: 500_000, commercialLoan: 500_000 })).toEqual([
      'payment.commercialLoan',
    ]);
    expect(fields({ method: 'COMMERCIAL_LOAN', downPayment: 1_000_000 })).toEqual(['payment.commercialLoan']);
    expect(
      fields({ method: 'COMMERCIAL_LOAN', downPayment: 300_000, commercialLoan: 600_000, providentFundLoan: 100_000 }),
    ).toEqual(['payment.providentFundLoan']);
    expect(fields({ method: 'PROVIDENT_FUND_LOAN', downPayment: 300_000, commercialLoan: 700_000 })).toEqual([
      'payment.commercialLoan',
      'payment.providentFundLoan',
    ]);
    expect(fields({ method: 'COMBINED', downPayment: 300_000, commercialLoan: 700_000 })).toEqual([
      'payment.providentFundLoan',
    ]);
  });

  it('rejects bad methods and amounts', () => {
    expect(fields(undefined)).toEqual(['payment']);
    expect(fields({ method: 'CASH', downPayment: 1_000_000 })).toEqual(['payment.method']);
    expect(fields({ method: 'FULL', downPayment: -1 })).toEqual(['payment.downPayment']);
    expect(fields({ method: 'FULL' })).toEqual(['payment.downPayment']);
    expect(fields({ method: 'COMBINED', downPayment: 1, commercialLoan: 0.5, providentFundLoan: '3' })).toEqual([
      'payment.commercialLoan',
      'payment.providentFundLoan',
    ]);
  });
});
