import 'reflect-metadata';
import { DomainException } from '@hn/errors';
import { supervisionSettingsFromEnv } from './supervision-gateway.service';
import {
  AcknowledgeDifferencePipe,
  DifferenceIdPipe,
  MonthPipe,
  PutStatisticPipe,
  SubmitStatisticsPipe,
  WithdrawStatisticPipe,
} from './supervision-inputs';

const body = { type: 'body' as const };
const PARAM = { type: 'param' as const };

async function problemOf(run: () => unknown): Promise<{ status: number; code: string; fields: string[] }> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof DomainException)) throw err;
    return {
      status: err.problem.status,
      code: err.problem.code,
      fields: (err.problem.errors ?? []).map((e) => e.field),
    };
  }
  throw new Error('expected a problem');
}

describe('supervision inputs', () => {
  it('accepts valid statistic figures and lists every bad one at once (422)', async () => {
    await expect(
      new PutStatisticPipe().transform({ contractsSigned: 3, floorArea: 270.55, amountFen: 270_000_000 }, body),
    ).resolves.toMatchObject({ contractsSigned: 3, floorArea: 270.55 });
    expect(
      await problemOf(() =>
        new PutStatisticPipe().transform({ contractsSigned: 1.5, floorArea: -1, amountFen: '9', other: true }, body),
      ),
    ).toEqual({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      fields: expect.arrayContaining(['contractsSigned', 'floorArea', 'amountFen', 'other']) as unknown as string[],
    });
    expect((await problemOf(() => new PutStatisticPipe().transform(undefined, body))).fields.sort()).toEqual([
      'amountFen',
      'contractsSigned',
      'floorArea',
    ]);
    expect((await problemOf(() => new PutStatisticPipe().transform([1], body))).fields).toEqual(['body']);
    expect(
      (
        await problemOf(() =>
          new PutStatisticPipe().transform({ contractsSigned: 0, floorArea: 0, amountFen: 5 }, body),
        )
      ).fields,
    ).toEqual(['contractsSigned']);
    expect(
      (
        await problemOf(() =>
          new PutStatisticPipe().transform({ contractsSigned: 1, floorArea: 10.001, amountFen: 5 }, body),
        )
      ).fields,
    ).toEqual(['floorArea']);
  });

  it('checks presale numbers, months and month lists of withdraw / submit bodies', async () => {
    await expect(
      new WithdrawStatisticPipe().transform({ presaleNumber: '430223202406200101-Y01', month: '2024-08' }, body),
    ).resolves.toBeDefined();
    expect(
      (
        await problemOf(() =>
          new WithdrawStatisticPipe().transform({ presaleNumber: '430223202406200101-Y00', month: '2024-8' }, body),
        )
      ).fields.sort(),
    ).toEqual(['month', 'presaleNumber']);
    expect(
      (
        await problemOf(() =>
          new SubmitStatisticsPipe().transform({ presaleNumber: '430223202406200101-Y01', months: [] }, body),
        )
      ).fields,
    ).toEqual(['months']);
    expect(
      (
        await problemOf(() =>
          new SubmitStatisticsPipe().transform(
            { presaleNumber: '430223202406200101-Y01', months: ['2024-08', '2024-08'] },
            body,
          ),
        )
      ).fields,
    ).toEqual(['months']);
    expect(
      (
        await problemOf(() =>
          new SubmitStatisticsPipe().transform({ presaleNumber: '430223202406200101-Y01', months: '2024-08' }, body),
        )
      ).fields,
    ).toEqual(['months']);
    expect(
      (await problemOf(() => new AcknowledgeDifferencePipe().transform({ explanation: '  ' }, body))).fields,
    ).toEqual(['explanation']);
    expect(
      (await problemOf(() => new AcknowledgeDifferencePipe().transform({ explanation: 'x'.repeat(1001) }, body)))
        .fields,
    ).toEqual(['explanation']);
  });

  it('path month and difference id are 400 naming the field', async () => {
    expect(new MonthPipe().transform('2024-08')).toBe('2024-08');
    for (const bad of ['2024-13', '2024-8', '1999-12', ''])
      expect(await problemOf(() => new MonthPipe().transform(bad))).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: ['month'],
      });
    expect(new DifferenceIdPipe().transform('8D6C7A8E-2F4B-4A8E-9A43-0C1F5F0F2B11', PARAM)).toBe(
      '8d6c7a8e-2f4b-4a8e-9a43-0c1f5f0f2b11',
    );
    expect(await problemOf(() => new DifferenceIdPipe().transform('42', PARAM))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: ['differenceId'],
    });
  });

  it('reads the reconciliation timeout from the environment', () => {
    expect(supervisionSettingsFromEnv({})).toEqual({ reconciliationTimeoutMs: 120_000 });
    expect(supervisionSettingsFromEnv({ GATEWAY_RECONCILIATION_TIMEOUT_MS: '30000' })).toEqual({
      reconciliationTimeoutMs: 30_000,
    });
    expect(() => supervisionSettingsFromEnv({ GATEWAY_RECONCILIATION_TIMEOUT_MS: '10' })).toThrow(
      /GATEWAY_RECONCILIATION_TIMEOUT_MS/,
    );
  });
});
