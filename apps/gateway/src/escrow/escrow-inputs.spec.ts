import 'reflect-metadata';
import { Rpc } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { EscrowGatewayService } from './escrow-gateway.service';
import { escrowCorrectionData, EscrowRecordPipe, SubmitEscrowPipe, WithdrawEscrowPipe } from './escrow-inputs';

const record = (over: Record<string, unknown> = {}) => ({
  capitalGuaranteeAmount: 150_000_000,
  commitmentLetter: false,
  fundSupervision: true,
  bank: '中国建设银行攸县支行',
  account: '4305-0162-1234',
  balance: 0,
  balanceAsOf: '2024-07-31',
  ...over,
});
const fieldsOf = async (run: Promise<unknown>): Promise<string[]> => {
  try {
    await run;
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(DomainException);
    expect((err as DomainException).problem).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    return ((err as DomainException).problem.errors ?? []).map((e) => e.field);
  }
};

describe('escrow gateway inputs', () => {
  const put = (body: unknown) => new EscrowRecordPipe().transform(body, { type: 'body' });
  const submit = (body: unknown) => new SubmitEscrowPipe().transform(body, { type: 'body' });
  const withdraw = (body: unknown) => new WithdrawEscrowPipe().transform(body, { type: 'body' });
  const correction = (body: unknown) => escrowCorrectionData(body);

  it('accepts complete records, with or without fund supervision or a guarantee', async () => {
    await expect(put(record())).resolves.toMatchObject({ balance: 0 });
    await expect(
      put(
        record({
          capitalGuaranteeAmount: null,
          commitmentLetter: true,
          fundSupervision: false,
          bank: null,
          account: null,
        }),
      ),
    ).resolves.toMatchObject({ bank: null });
  });

  it('lists every problem of a record at once (422), unknown fields by name', async () => {
    expect(await fieldsOf(put({}))).toEqual([
      'capitalGuaranteeAmount',
      'commitmentLetter',
      'fundSupervision',
      'balance',
      'balanceAsOf',
    ]);
    expect(await fieldsOf(put(record({ capitalGuaranteeAmount: null })))).toEqual(['capitalGuaranteeAmount']);
    expect(await fieldsOf(put(record({ bank: ' ', account: '12' })))).toEqual(['bank', 'account']);
    expect(await fieldsOf(put(record({ fundSupervision: false })))).toEqual(['bank', 'account']);
    expect(await fieldsOf(put(record({ balance: -1, balanceAsOf: '2999-01-01', extra: true })))).toEqual([
      'extra',
      'balance',
      'balanceAsOf',
    ]);
    expect(await fieldsOf(put([record()]))).toEqual(['body']);
  });

  it('checks submit lists, withdraw bodies and the correction data part (nested record paths)', async () => {
    await expect(submit({ presaleNumbers: ['430223202306150101-Z01'] })).resolves.toBeDefined();
    expect(await fieldsOf(submit({ presaleNumbers: [] }))).toEqual(['presaleNumbers']);
    expect(await fieldsOf(submit({ presaleNumbers: ['430223202306150101-Z01', 'x'] }))).toEqual(['presaleNumbers[1]']);
    await expect(withdraw({ presaleNumber: '430223202306150101-Z01' })).resolves.toBeDefined();
    expect(await fieldsOf(withdraw({ presaleNumber: 'x', extra: 1 }))).toEqual(['extra', 'presaleNumber']);
    await expect(
      correction({ reason: '余额录入错误', documentNumber: '湘建房函〔2024〕12号', record: record() }),
    ).resolves.toBeDefined();
    expect(await fieldsOf(correction({ reason: '', record: record({ balance: 1.5 }) }))).toEqual([
      'reason',
      'documentNumber',
      'record.balance',
    ]);
    expect(await fieldsOf(correction({ reason: 'r', documentNumber: 'd' }))).toEqual(['record']);
  });

  it("refuses presale numbers outside the caller's regions before calling the service (shared gateway check)", async () => {
    const request = jest.fn().mockResolvedValue({ presaleNumber: '430223202306150101-Z01' });
    const service = new EscrowGatewayService(
      Object.assign(Object.create(RpcClient.prototype) as RpcClient, { request }),
    );
    const county = { kind: 'staff' as const, id: 'u', regions: ['430223'], scopes: [] };
    await expect(service.get(county, '430223202306150101-Z01', 'c')).resolves.toBeDefined();
    await expect(service.get({ ...county, regions: ['430200'] }, '430223202306150101-Z01', 'c')).resolves.toBeDefined();
    expect(request).toHaveBeenCalledWith(
      Rpc.escrowGet.subject,
      { principal: county, body: { presaleNumber: '430223202306150101-Z01' } },
      'c',
      {},
    );
    request.mockClear();
    expect(() => service.get(county, '430102202301100101-Z01', 'c')).toThrow(
      expect.objectContaining({
        problem: expect.objectContaining({
          status: 403,
          code: 'REGION_FORBIDDEN',
          errors: [expect.objectContaining({ field: 'presaleNumber' })],
        }),
      }),
    );
    await expect(
      service.submit(county, { presaleNumbers: ['430223202306150101-Z01', '430102202301100101-Z01'] }, 'c'),
    ).rejects.toMatchObject({ problem: { status: 403, errors: [{ field: 'presaleNumbers[1]' }] } });
    expect(request).not.toHaveBeenCalled();
  });
});
