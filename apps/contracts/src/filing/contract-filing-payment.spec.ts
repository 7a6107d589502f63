import { ContractFilingSubmission, ContractPayment, validateSubmission } from '@hn/messages';
import { submission } from '../../test/contract-filing.fixtures';

/** The payment fields reported for a submission with this payment and contract amount. */
const fields = async (payment: unknown, contractAmount: unknown = 1_000_000) => {
  const result = await validateSubmission(
    ContractFilingSubmission,
    submission({ payment: payment as never, contractAmount: contractAmount as never }),
  );
  return (result.ok ? [] : result.errors).map((e) => e.field).filter((f) => f.startsWith('payment'));
};

describe(ContractPayment.name, () => {
  it('accepts consistent payments for each method 各付款方式', async () => {
    expect(await fields({ method: 'FULL', downPayment: 1_000_000 })).toEqual([]);
    expect(await fields({ method: 'FULL', downPayment: 1_000_000, commercialLoan: 0, providentFundLoan: 0 })).toEqual(
      [],
    );
    expect(await fields({ method: 'COMMERCIAL_LOAN', downPayment: 300_000, commercialLoan: 700_000 })).toEqual([]);
    expect(
      await fields({
        method: 'PROVIDENT_FUND_LOAN',
        downPayment: 300_000,
        providentFundLoan: 700_000,
        commercialLoan: 0,
      }),
    ).toEqual([]);
    expect(
      await fields({ method: 'COMBINED', downPayment: 200_000, commercialLoan: 500_000, providentFundLoan: 300_000 }),
    ).toEqual([]);
  });

  it('requires the parts to add up to the contract amount 合计须等于总价', async () => {
    expect(await fields({ method: 'FULL', downPayment: 999_999 })).toEqual(['payment']);
    expect(
      await fields({ method: 'COMBINED', downPayment: 200_000, commercialLoan: 500_000, providentFundLoan: 300_001 }),
    ).toEqual(['payment']);
    expect(await fields({ method: 'FULL', downPayment: 999_999 }, -5)).toEqual([]); // amount reported on its own field
  });

  it('requires the loans to match the method 贷款须与付款方式一致', async () => {
    expect(await fields({ method: 'FULL', downPayment: 500_000, commercialLoan: 500_000 })).toEqual([
      'payment.commercialLoan',
    ]);
    expect(await fields({ method: 'COMMERCIAL_LOAN', downPayment: 1_000_000 })).toEqual(['payment.commercialLoan']);
    expect(
      await fields({
        method: 'COMMERCIAL_LOAN',
        downPayment: 300_000,
        commercialLoan: 600_000,
        providentFundLoan: 100_000,
      }),
    ).toEqual(['payment.providentFundLoan']);
    expect(await fields({ method: 'PROVIDENT_FUND_LOAN', downPayment: 300_000, commercialLoan: 700_000 })).toEqual([
      'payment.commercialLoan',
      'payment.providentFundLoan',
    ]);
    expect(await fields({ method: 'COMBINED', downPayment: 300_000, commercialLoan: 700_000 })).toEqual([
      'payment.providentFundLoan',
    ]);
  });

  it('rejects bad methods and amounts', async () => {
    expect(await fields(undefined)).toEqual(['payment']);
    expect(await fields({ method: 'CASH', downPayment: 1_000_000 })).toEqual(['payment.method']);
    expect(await fields({ method: 'FULL', downPayment: -1 })).toEqual(['payment.downPayment']);
    expect(await fields({ method: 'FULL' })).toEqual(['payment.downPayment']);
    expect(await fields({ method: 'COMBINED', downPayment: 1, commercialLoan: 0.5, providentFundLoan: '3' })).toEqual([
      'payment.commercialLoan',
      'payment.providentFundLoan',
    ]);
  });
});
