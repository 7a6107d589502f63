import { EscrowRecordInputV1 } from './escrow';
import { EscrowRecordInput } from './escrow-record.message';
import {
  ESCROW_MAX_SUBMIT_PERMITS,
  EscrowCommitmentLetterRequest,
  EscrowCorrectionData,
  EscrowCorrectionReport,
  EscrowCorrectionRequest,
  EscrowPutRequest,
  EscrowSubmitRequest,
  EscrowWithdrawRequest,
} from './escrow-requests.message';
import type { FieldError } from './problem';
import { Rpc, RpcDef, RpcKind } from './rpc-map';
import { validatedPartOf } from './validation/validated-as';
import { validateMessage } from './validation/validate-message';

const Z = '430223202306150101-Z01';
const SCAN = { stagingKey: 'k', sha256: 'a'.repeat(64), contentType: 'application/pdf', size: 10, fileName: 'x.pdf' };
const record = (over: Partial<Record<keyof EscrowRecordInputV1, unknown>> = {}) => ({
  capitalGuaranteeAmount: 150_000_000,
  commitmentLetter: false,
  fundSupervision: true,
  bank: '中国建设银行攸县支行',
  account: '4305-0162-1234',
  balance: 0,
  balanceAsOf: '2024-07-31',
  ...over,
});

/** The body as `@RpcHandler(def)` refuses it: the entry's class, then the entry's problem (status, code, fields). */
const refusal = async (def: RpcDef<never, unknown, RpcKind>, body: unknown) => {
  const result = await validateMessage(def.request.type, body);
  if (result.ok) return null;
  const problem = def.request.invalid(result.errors, body);
  return { status: problem.status, code: problem.code, errors: [...(problem.errors ?? result.errors)] };
};
const fields = (errors: readonly FieldError[] | undefined) => (errors ?? []).map((e) => e.field);

describe(EscrowPutRequest.name, () => {
  it('is the put entry’s class; its record is the PUT body, validated and trimmed as the gateway does', async () => {
    expect(Rpc.escrowPut.request.type).toBe(EscrowPutRequest);
    const result = await validateMessage(EscrowPutRequest, { presaleNumber: Z, record: record({ bank: ' 建行 ' }) });
    expect(result.ok).toBe(true);
    const value = result.ok ? result.value.record : null;
    expect(value).toBeInstanceOf(EscrowRecordInput);
    expect(value?.bank).toBe('建行');
  });

  it('refuses a bad path number alone (400 INVALID_PRESALE_NUMBER), before the record', async () => {
    for (const presaleNumber of ['x', '430223202306150101-X01', undefined])
      expect(await refusal(Rpc.escrowPut, { presaleNumber, record: {} })).toMatchObject({
        status: 400,
        code: 'INVALID_PRESALE_NUMBER',
        errors: [{ field: 'presaleNumber' }],
      });
  });

  it('reports the record’s problems unprefixed, as the gateway reports the PUT body (422)', async () => {
    const body = { ...record({ capitalGuaranteeAmount: null, balance: -1 }), extra: true };
    const problem = await refusal(Rpc.escrowPut, { presaleNumber: Z, record: body });
    expect(problem).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    expect(fields(problem?.errors)).toEqual(['extra', 'capitalGuaranteeAmount', 'balance']);
    const part = await validatedPartOf(EscrowPutRequest, 'record')(body);
    expect(part.errors).toEqual(problem?.errors);
    expect(fields((await refusal(Rpc.escrowPut, { presaleNumber: Z }))?.errors)).toEqual([
      'capitalGuaranteeAmount',
      'commitmentLetter',
      'fundSupervision',
      'balance',
      'balanceAsOf',
    ]);
    expect(fields((await refusal(Rpc.escrowPut, { presaleNumber: Z, record: [record()] }))?.errors)).toEqual(['body']);
    expect(fields((await refusal(Rpc.escrowPut, { presaleNumber: Z, record: record(), x: 1 }))?.errors)).toEqual(['x']);
  });
});

describe(EscrowCommitmentLetterRequest.name, () => {
  it('checks the path number; the staged scan is checked where it is taken', async () => {
    expect(await refusal(Rpc.escrowCommitmentLetter, { presaleNumber: Z, scan: SCAN })).toBeNull();
    expect(await refusal(Rpc.escrowCommitmentLetter, { presaleNumber: Z, scan: { sha256: 'x' } })).toBeNull();
    expect(await refusal(Rpc.escrowCommitmentLetter, { presaleNumber: 'x', scan: SCAN })).toMatchObject({
      status: 400,
      code: 'INVALID_PRESALE_NUMBER',
    });
    expect(await refusal(Rpc.escrowCommitmentLetter, { presaleNumber: Z, scan: SCAN, extra: 1 })).toMatchObject({
      status: 422,
      errors: [{ field: 'extra' }],
    });
  });
});

describe('escrow reads (PresaleNumberBodyV1)', () => {
  it('answer a bad number as the gateway’s path pipe (400 INVALID_PRESALE_NUMBER), anything else 400', async () => {
    for (const def of [Rpc.escrowGet, Rpc.escrowVersions]) {
      expect(await refusal(def, { presaleNumber: Z })).toBeNull();
      expect(await refusal(def, { presaleNumber: '430223202306150101-Z00', extra: 1 })).toMatchObject({
        status: 400,
        code: 'INVALID_PRESALE_NUMBER',
        errors: [{ field: 'presaleNumber' }],
      });
      expect(await refusal(def, { presaleNumber: Z, extra: 1 })).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'extra' }],
      });
    }
  });
});

describe(EscrowWithdrawRequest.name, () => {
  it('is the HTTP body and the RPC body: 422 naming the number and unknown fields', async () => {
    expect(await refusal(Rpc.escrowWithdraw, { presaleNumber: Z })).toBeNull();
    expect(await refusal(Rpc.escrowWithdraw, { presaleNumber: 'x', extra: 1 })).toMatchObject({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      errors: [{ field: 'extra' }, { field: 'presaleNumber', reason: expect.stringContaining('18 位施工许可证编号') }],
    });
    expect(await refusal(Rpc.escrowWithdraw, {})).toMatchObject({
      errors: [{ field: 'presaleNumber', reason: '必填 (required)' }],
    });
    expect(await refusal(Rpc.escrowWithdraw, 'x')).toMatchObject({ status: 422, errors: [{ field: 'body' }] });
  });
});

describe(EscrowSubmitRequest.name, () => {
  it('takes 1..100 distinct well-formed numbers, the list or each bad element named (422)', async () => {
    expect(await refusal(Rpc.escrowSubmit, { presaleNumbers: [Z, '430223202306150101-Z02'] })).toBeNull();
    const many = Array.from(
      { length: ESCROW_MAX_SUBMIT_PERMITS + 1 },
      (_, i) => `430223202306150101-Z${String((i % 99) + 1).padStart(2, '0')}`,
    );
    for (const presaleNumbers of [[], [Z, Z], 'x', undefined, many])
      expect(fields((await refusal(Rpc.escrowSubmit, { presaleNumbers }))?.errors)).toEqual(['presaleNumbers']);
    expect(await refusal(Rpc.escrowSubmit, { presaleNumbers: [Z, 'x', 5] })).toMatchObject({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      errors: [{ field: 'presaleNumbers[1]' }, { field: 'presaleNumbers[2]' }],
    });
  });
});

describe(EscrowCorrectionRequest.name, () => {
  const report = { reason: '余额录入错误', documentNumber: '湘建房函〔2024〕12号', scan: SCAN };
  const body = (over: Record<string, unknown> = {}, reportOver: Record<string, unknown> = {}) => ({
    presaleNumber: Z,
    record: record(),
    report: { ...report, ...reportOver },
    ...over,
  });
  /** the gateway's `data` part of the same correction */
  const dataPart = (b: ReturnType<typeof body>) => ({
    reason: b.report.reason,
    documentNumber: b.report.documentNumber,
    record: b.record,
  });

  it('accepts a correction; the report and the record validated and transformed', async () => {
    const result = await validateMessage(EscrowCorrectionRequest, body());
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.report).toBeInstanceOf(EscrowCorrectionReport);
    expect(result.ok && result.value.record).toBeInstanceOf(EscrowRecordInput);
  });

  it('refuses a bad path number alone (400 INVALID_PRESALE_NUMBER)', async () => {
    expect(await refusal(Rpc.escrowCorrect, body({ presaleNumber: 'x' }, { reason: '' }))).toMatchObject({
      status: 400,
      code: 'INVALID_PRESALE_NUMBER',
      errors: [{ field: 'presaleNumber' }],
    });
  });

  it('reports the data part’s field list: the report unprefixed, the record under record., in the gateway’s order', async () => {
    for (const [b, expected] of [
      [body({ record: record({ balance: 1.5 }) }, { reason: '' }), ['reason', 'record.balance']],
      [body({}, { reason: ' ', documentNumber: 'x'.repeat(101) }), ['reason', 'documentNumber']],
      [body({}, { reason: 'x'.repeat(501), documentNumber: 'a\u0007b' }), ['reason', 'documentNumber']],
      [body({ record: undefined }), ['record']],
      [body({ record: record({ fundSupervision: false }) }), ['record.bank', 'record.account']],
    ] as const) {
      const service = await refusal(Rpc.escrowCorrect, b);
      expect(service).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
      expect(fields(service?.errors)).toEqual(expected);
      const gateway = await validateMessage(EscrowCorrectionData, dataPart(b));
      expect(gateway.errors).toEqual(service?.errors);
    }
    expect(fields((await refusal(Rpc.escrowCorrect, body({ report: undefined })))?.errors)).toEqual([
      'reason',
      'documentNumber',
    ]);
  });

  it('leaves the staged report scan to where it is taken', async () => {
    expect(await refusal(Rpc.escrowCorrect, body({}, { scan: { sha256: '0'.repeat(64) } }))).toBeNull();
  });
});
