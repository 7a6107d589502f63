import { PRESALE_SUBMISSION_EXAMPLE, Principal } from '@hn/messages';
import { creditCodeCheckChar } from '@hn/numbering';
import {
  assertZNumberField,
  backfillData,
  correctionData,
  SubmitBackfillPipe,
  unpermittedData,
  WithdrawBackfillPipe,
} from './backfill-inputs';

const county: Principal = { kind: 'staff', id: 'youxian.li', regions: ['430223'], scopes: [], role: 'COUNTY' };
const body17 = '91430223MA4Q0ABC1';
const creditCode = body17 + creditCodeCheckChar(body17);
const stock = {
  ...PRESALE_SUBMISSION_EXAMPLE,
  developer: { name: '攸县锦绣置业有限公司', creditCode },
  issueDate: '2024-06-28',
};

describe('backfill inputs (multipart data parts and bodies)', () => {
  it("validates the backfill data part with the 取号 rules (422) and the caller's regions (403)", async () => {
    await expect(backfillData(county, stock)).resolves.toMatchObject({
      constructionPermitNumbers: stock.constructionPermitNumbers,
    });
    await expect(backfillData(county, { ...stock, presaleArea: -1, extra: 1 })).rejects.toMatchObject({
      problem: { status: 422, code: 'INCOMPLETE_SUBMISSION' },
    });
    await expect(backfillData({ ...county, regions: ['430102'] }, stock)).rejects.toMatchObject({
      problem: { status: 403, code: 'REGION_FORBIDDEN' },
    });
  });

  it('validates the unpermitted data part', async () => {
    const ok = {
      projectName: '攸县滨江花园一期',
      regionCode: '430223',
      developer: { name: '滨江置业', creditCode },
      localCertificateNumber: '攸住建预字〔2023〕第021号',
      issueDate: '2023-11-20',
    };
    await expect(unpermittedData(county, ok)).resolves.toMatchObject(ok);
    await expect(unpermittedData(county, { ...ok, regionCode: '43' })).rejects.toMatchObject({
      problem: { status: 422, errors: [expect.objectContaining({ field: 'regionCode' })] },
    });
    await expect(unpermittedData(county, { ...ok, regionCode: '430102' })).rejects.toMatchObject({
      problem: { status: 403 },
    });
    await expect(unpermittedData(county, { ...ok, regionCode: '439999' })).rejects.toMatchObject({
      problem: { status: 422, errors: [expect.objectContaining({ field: 'regionCode' })] },
    });
    await expect(
      unpermittedData(county, { ...ok, regionCode: '439999', localCertificateNumber: '' }),
    ).rejects.toMatchObject({
      problem: {
        status: 422,
        errors: [
          expect.objectContaining({ field: 'regionCode' }),
          expect.objectContaining({ field: 'localCertificateNumber' }),
        ],
      },
    });
  });

  it('validates the correction data part, including the nested submission', async () => {
    await expect(
      correctionData({ reason: '面积错误', documentNumber: '湘建房函〔2024〕12号', submission: stock }),
    ).resolves.toMatchObject({ reason: '面积错误' });
    const failed = correctionData({ reason: '', submission: { ...stock, unitCount: 0 } });
    await expect(failed).rejects.toMatchObject({ problem: { status: 422 } });
    const fields = (
      (await failed.catch((e: { problem: { errors: Array<{ field: string }> } }) => e)) as {
        problem: { errors: Array<{ field: string }> };
      }
    ).problem.errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['reason', 'documentNumber', 'submission.unitCount']));
  });

  it('accepts Z numbers only on backfill routes', () => {
    expect(() => assertZNumberField('430223202406200101-Z01', 'presaleNumber')).not.toThrow();
    expect(() => assertZNumberField('430223202406200101-Y01', 'presaleNumber')).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ status: 400, code: 'INVALID_PRESALE_NUMBER' }) }),
    );
  });

  it('checks withdraw and submit bodies', async () => {
    await expect(new WithdrawBackfillPipe().transform(undefined, { type: 'body' })).resolves.toEqual({});
    await expect(new WithdrawBackfillPipe().transform({ presaleNumber: 'x' }, { type: 'body' })).rejects.toMatchObject({
      problem: { status: 400 },
    });
    await expect(
      new SubmitBackfillPipe().transform(
        { presaleNumbers: ['430223202406200101-Z01', '430223202406200101-Z01'] },
        { type: 'body' },
      ),
    ).rejects.toMatchObject({ problem: { status: 422 } });
    await expect(new SubmitBackfillPipe().transform({ presaleNumbers: [] }, { type: 'body' })).rejects.toMatchObject({
      problem: { status: 422 },
    });
    await expect(
      new SubmitBackfillPipe().transform({ presaleNumbers: ['430223202406200101-Z01'] }, { type: 'body' }),
    ).resolves.toMatchObject({ presaleNumbers: ['430223202406200101-Z01'] });
  });
});
