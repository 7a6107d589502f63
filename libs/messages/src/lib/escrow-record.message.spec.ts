import { chinaToday } from '@hn/numbering';
import { EscrowRecordInputV1 } from './escrow';
import { escrowInputOf, EscrowRecordInput, escrowRecordObjectReason } from './escrow-record.message';
import { validateMessage } from './validation/validate-message';

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

const checked = async (v: unknown) => {
  const result = await validateMessage(EscrowRecordInput, v);
  return result.ok ? { value: escrowInputOf(result.value), errors: [] } : { value: null, errors: result.errors };
};
const fields = async (v: unknown) => (await checked(v)).errors.map((e) => e.field);
const dayAfter = (iso: string): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe(EscrowRecordInput.name, () => {
  it('accepts a complete record, trims the bank and nulls bank/account without supervision', async () => {
    expect(await checked(input({ bank: '  中国建设银行攸县支行 ' }))).toEqual({ errors: [], value: input() });
    expect((await checked(input({ fundSupervision: false, bank: null, account: null }))).value).toMatchObject({
      bank: null,
      account: null,
    });
    expect((await checked(input({ fundSupervision: false, bank: undefined, account: undefined }))).value).toMatchObject(
      { bank: null, account: null },
    );
    expect(await fields(input({ capitalGuaranteeAmount: null, commitmentLetter: true }))).toEqual([]);
    expect(
      await fields(
        input({ capitalGuaranteeAmount: 0, balance: 0, balanceAsOf: chinaToday(), account: '43050162123400000123' }),
      ),
    ).toEqual([]);
  });

  it('a missing guarantee needs a commitment letter 承诺函替代保证金', async () => {
    expect((await checked(input({ capitalGuaranteeAmount: null, commitmentLetter: false }))).errors).toEqual([
      { field: 'capitalGuaranteeAmount', reason: expect.stringContaining('承诺函') },
    ]);
  });

  it('bank and account both required with fund supervision, both null without', async () => {
    expect(await fields(input({ bank: '', account: null }))).toEqual(['bank', 'account']);
    expect(await fields(input({ bank: '银'.repeat(101) }))).toEqual(['bank']);
    expect(await fields(input({ bank: '建行\n攸县' }))).toEqual(['bank']);
    for (const account of ['123', '12a4567', '-1234', '1234-', '12--34', '1'.repeat(41), 1234567])
      expect(await fields(input({ account }))).toEqual(['account']);
    expect(await fields(input({ fundSupervision: false }))).toEqual(['bank', 'account']);
    expect(await fields(input({ fundSupervision: false, bank: null }))).toEqual(['account']);
  });

  it('money is integer fen ≥ 0; the balance date is a real date, not in the future', async () => {
    for (const bad of [-1, 1.5, '100', Number.NaN, 1e17])
      expect(await fields(input({ capitalGuaranteeAmount: bad, balance: bad }))).toEqual([
        'capitalGuaranteeAmount',
        'balance',
      ]);
    expect(await fields(input({ balanceAsOf: dayAfter(chinaToday()) }))).toEqual(['balanceAsOf']);
    expect(await fields(input({ balanceAsOf: '2024-02-30' }))).toEqual(['balanceAsOf']);
    expect(await fields(input({ balanceAsOf: '2024/12/31' }))).toEqual(['balanceAsOf']);
  });

  it('lists every problem at once 一次列出全部问题; unknown fields by name; a non-object whole', async () => {
    const required = ['capitalGuaranteeAmount', 'commitmentLetter', 'fundSupervision', 'balance', 'balanceAsOf'];
    expect(await fields(undefined)).toEqual(required);
    expect(await fields({})).toEqual(required);
    // an array is refused whole, as the gateway refuses an array body
    expect(await fields([])).toEqual(['body']);
    expect(await fields(input({ commitmentLetter: 'yes', fundSupervision: 1 }))).toEqual([
      'commitmentLetter',
      'fundSupervision',
    ]);
    expect(await fields({ ...input(), extra: true })).toEqual(['extra']);
  });

  it('names the correction record itself when it is no object', () => {
    expect(escrowRecordObjectReason(input())).toBeNull();
    expect(escrowRecordObjectReason(undefined)).toMatch(/required/);
    expect(escrowRecordObjectReason([])).toMatch(/object/);
  });
});
