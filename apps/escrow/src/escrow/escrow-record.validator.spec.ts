import { EscrowRecordInputV1 } from '@hn/messages';
import { sameInput } from './escrow-record.validator';

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

describe(sameInput.name, () => {
  it('compares inputs field by field', () => {
    expect(sameInput(input(), input())).toBe(true);
    expect(sameInput(input(), input({ balance: 1 }))).toBe(false);
    expect(sameInput(input(), input({ commitmentLetter: true }))).toBe(false);
  });
});
