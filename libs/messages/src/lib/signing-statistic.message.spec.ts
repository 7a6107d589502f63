import { ContractFilingCancellation } from './contract-filing-cancellation.message';
import { DifferenceAcknowledgement } from './reconciliation-acknowledgement.message';
import {
  SigningStatisticFigures,
  SigningStatisticPut,
  SigningStatisticSubmission,
  SigningStatisticWithdrawal,
} from './signing-statistic.message';
import { validateMessage } from './validation/validate-message';

const PRESALE = '430223202306150101-Z01';

const fieldsOf = async <T extends object>(type: new () => T, value: unknown): Promise<string[]> => {
  const result = await validateMessage(type, value);
  return result.ok ? [] : result.errors.map((e) => e.field);
};

describe(SigningStatisticPut.name, () => {
  it('lists every field in declaration order, one reason each', async () => {
    expect(await fieldsOf(SigningStatisticPut, undefined)).toEqual([
      'presaleNumber',
      'month',
      'contractsSigned',
      'floorArea',
      'amountFen',
    ]);
    const ok = { presaleNumber: PRESALE, month: '2024-05', contractsSigned: 12, floorArea: 1085.5, amountFen: 7 };
    expect(await fieldsOf(SigningStatisticPut, ok)).toEqual([]);
    expect(await fieldsOf(SigningStatisticPut, { ...ok, contractsSigned: 0 })).toEqual(['contractsSigned']);
    expect(await fieldsOf(SigningStatisticPut, { ...ok, extra: 1 })).toEqual(['extra']);
    expect(await fieldsOf(SigningStatisticPut, [ok])).toEqual(['body']);
  });

  it('the gateway body carries only the figures', async () => {
    expect(await fieldsOf(SigningStatisticFigures, { contractsSigned: 1, floorArea: 10.001, amountFen: 5 })).toEqual([
      'floorArea',
    ]);
    expect(await fieldsOf(SigningStatisticFigures, { contractsSigned: 1, floorArea: 1, amountFen: 1 })).toEqual([]);
  });
});

describe(SigningStatisticSubmission.name, () => {
  it('reports list problems on months and bad months on their own path', async () => {
    const of = (months: unknown) => fieldsOf(SigningStatisticSubmission, { presaleNumber: PRESALE, months });
    expect(await of(['2024-06', '2024-07'])).toEqual([]);
    expect(await of([])).toEqual(['months']);
    expect(await of('2024-06')).toEqual(['months']);
    expect(await of(['2024-06', '2024-06'])).toEqual(['months']);
    expect(await of(['2024-06', '2024-6', '1999-12'])).toEqual(['months[1]', 'months[2]']);
    expect(await fieldsOf(SigningStatisticWithdrawal, { presaleNumber: 'x', month: '2024-13' })).toEqual([
      'presaleNumber',
      'month',
    ]);
  });
});

describe('cancellation and acknowledgement bodies', () => {
  it('trim the text and require 1..max characters', async () => {
    const result = await validateMessage(ContractFilingCancellation, { reason: '  协商解除 ' });
    expect(result.ok && result.value.reason).toBe('协商解除');
    for (const reason of ['', '   ', 'x'.repeat(501), undefined, 7])
      expect(await fieldsOf(ContractFilingCancellation, { reason })).toEqual(['reason']);
    expect(await fieldsOf(DifferenceAcknowledgement, { explanation: 'x'.repeat(1001) })).toEqual(['explanation']);
  });
});
