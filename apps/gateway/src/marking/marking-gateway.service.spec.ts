import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import {
  MarkingBatchRequest,
  MarkingCorrectionResultV1,
  MarkingWithdrawResultV1,
  Principal,
  Rpc,
  flattenValidationErrors,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { MarkingBatchPipe, validateCorrectionData } from './marking-inputs';
import { assertRegions, MarkingGatewayService } from './marking-gateway.service';

const county: Principal = {
  kind: 'staff',
  id: 'youxian.zhang',
  regions: ['430223'],
  scopes: ['supervision:write'],
  role: 'COUNTY',
};
const problemOf = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return (err as { problem: { status: number; code: string; errors?: Array<{ field: string; reason: string }> } })
      .problem;
  }
  throw new Error('expected a problem');
};

describe(MarkingGatewayService.name, () => {
  const request = jest.fn();
  const service = new MarkingGatewayService(
    Object.assign(Object.create(RpcClient.prototype) as RpcClient, { request }),
  );
  beforeEach(() => request.mockReset());

  it('refuses permit numbers of other regions before calling the permits service, naming each', async () => {
    const problem = await problemOf(
      service.batch(
        county,
        { permitNumbers: ['430223202406200101', '430224202406200101', '430102202405100101'], projectType: 'PRESALE' },
        'cid',
      ),
    );
    expect(problem).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
      errors: [
        { field: 'permitNumbers', reason: '430224202406200101' },
        { field: 'permitNumbers', reason: '430102202405100101' },
      ],
    });
    expect(await problemOf(service.submit(county, { permitNumbers: ['430224202406200101'] }, 'cid'))).toMatchObject({
      status: 403,
    });
    expect(await problemOf(service.list(county, { regionCode: '430200', page: 1, pageSize: 20 }, 'cid'))).toMatchObject(
      { status: 403, errors: [{ field: 'regionCode' }] },
    );
    expect(request).not.toHaveBeenCalled();
  });

  it('sends the principal and body, and returns the real before / after for the audit trail', async () => {
    request.mockResolvedValueOnce({
      stepId: 's1',
      withdrawnType: 'PRESALE',
      projects: [
        { projectCode: 'P1', projectType: null },
        { projectCode: 'P2', projectType: 'OTHER' },
      ],
      superseded: ['P2'],
    } satisfies MarkingWithdrawResultV1);
    const withdrawn = await service.withdraw(county, 'cid-1');
    expect(request).toHaveBeenCalledWith(Rpc.markingWithdraw.subject, { principal: county, body: {} }, 'cid-1', {
      timeoutMs: 10_000,
    });
    expect(withdrawn.audit).toEqual({
      before: {
        stepId: 's1',
        projects: [
          { projectCode: 'P1', projectType: 'PRESALE', markingState: 'DRAFT' },
          { projectCode: 'P2', projectType: 'OTHER', markingState: 'DRAFT' },
        ],
      },
      after: { projects: withdrawn.projects, superseded: ['P2'] },
      target: 'stepId=s1',
    });

    const admin: Principal = {
      kind: 'staff',
      id: 'admin.chen',
      regions: ['430000'],
      scopes: ['supervision:correct'],
      role: 'ADMIN',
    };
    const scan = {
      stagingKey: '3f0c1b5e-8a7d-4c2b-9e1f-0a1b2c3d4e5f',
      sha256: 'a'.repeat(64),
      contentType: 'application/pdf' as const,
      size: 10,
      fileName: 'r.pdf',
    };
    const project = {
      projectCode: '2024-430223-70-03-012345',
      projectName: '锦绣星城',
      regionCode: '430223',
      previousType: 'PRESALE' as const,
      projectType: 'OTHER' as const,
      markingState: 'SUBMITTED' as const,
      permitNumbers: ['430223202406200101'],
    };
    request.mockResolvedValueOnce({
      project,
      previousType: 'PRESALE',
      correctionId: 'c1',
      correctedAt: '2024-09-10T03:00:00.000Z',
      report: {
        sha256: scan.sha256,
        contentType: scan.contentType,
        size: 10,
        fileName: 'r.pdf',
        uploadedAt: '2024-09-10T03:00:00.000Z',
        documentNumber: '攸住建函〔2024〕12号',
        reason: '误标',
      },
    } satisfies MarkingCorrectionResultV1);
    const corrected = await service.correct(
      admin,
      {
        projectCode: project.projectCode,
        projectType: 'OTHER',
        report: { reason: '误标', documentNumber: '攸住建函〔2024〕12号', scan },
      },
      'cid-2',
    );
    expect(corrected.audit).toEqual({
      before: { projectCode: project.projectCode, projectType: 'PRESALE', markingState: 'SUBMITTED' },
      after: {
        correctionId: 'c1',
        projectCode: project.projectCode,
        projectType: 'OTHER',
        markingState: 'SUBMITTED',
        reason: '误标',
        documentNumber: '攸住建函〔2024〕12号',
        report: { sha256: scan.sha256, contentType: 'application/pdf', size: 10, fileName: 'r.pdf' },
      },
      target: `projectCode=${project.projectCode}`,
    });
  });
});

describe(assertRegions.name, () => {
  it('lets a city through for its counties and lists each foreign key once', async () => {
    const city: Principal = { ...county, regions: ['430200'] };
    expect(() =>
      assertRegions(city, 'permitNumbers', [
        { key: 'a', regionCode: '430223' },
        { key: 'b', regionCode: '430224' },
      ]),
    ).not.toThrow();
    expect(
      await problemOf(() =>
        assertRegions(city, 'permitNumbers', [
          { key: 'c', regionCode: '430102' },
          { key: 'c', regionCode: '430102' },
        ]),
      ),
    ).toMatchObject({ errors: [{ reason: 'c' }] });
  });
});

describe(MarkingBatchPipe.name, () => {
  it('answers 422 INCOMPLETE_SUBMISSION naming each bad field, and refuses a non-object body whole', async () => {
    const pipe = new MarkingBatchPipe();
    const metadata = { type: 'body' as const, metatype: Object };
    const problem = await problemOf(
      pipe.transform({ permitNumbers: ['430223202406200101', '430223202406200101'], projectType: 'SOLD' }, metadata),
    );
    expect(problem).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    expect(problem.errors!.map((e) => e.field)).toEqual(['permitNumbers[1]', 'projectType']);
    expect(await problemOf(pipe.transform(['430223202406200101'], metadata))).toMatchObject({
      status: 422,
      errors: [{ field: 'body' }],
    });
    await expect(
      pipe.transform({ permitNumbers: ['430223202406200101'], projectType: 'PRESALE' }, metadata),
    ).resolves.toMatchObject({ permitNumbers: ['430223202406200101'], projectType: 'PRESALE' });
  });
});

describe(MarkingBatchRequest.name, () => {
  const errorsOf = async (body: object) =>
    flattenValidationErrors(
      await validate(plainToInstance(MarkingBatchRequest, body), { whitelist: true, forbidNonWhitelisted: true }),
    );
  it('accepts 1000 distinct numbers and names each bad, repeated or extra item', async () => {
    const thousand = Array.from(
      { length: 1000 },
      (_, i) => `430223${new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10).replace(/-/g, '')}0101`,
    );
    expect(await errorsOf({ permitNumbers: thousand, projectType: 'OTHER' })).toEqual([]);
    expect(
      (await errorsOf({ permitNumbers: [...thousand, '430223202406200101'], projectType: 'OTHER' })).map(
        (e) => e.field,
      ),
    ).toEqual(['permitNumbers']);
    expect(
      (
        await errorsOf({
          permitNumbers: ['430223202406200101', '43022320240620010', '430223202406200101'],
          projectType: 'SOLD',
          extra: 1,
        })
      ).map((e) => e.field),
    ).toEqual(['extra', 'permitNumbers[1]', 'permitNumbers[2]', 'projectType']);
    expect((await errorsOf({})).map((e) => e.field)).toEqual(['permitNumbers', 'projectType']);
  });
});

describe(validateCorrectionData.name, () => {
  it('trims the data part and refuses missing, long or unknown fields with 422 INCOMPLETE_SUBMISSION', async () => {
    await expect(
      validateCorrectionData({
        projectCode: ' 2024-430223-70-03-012345 ',
        projectType: 'OTHER',
        reason: ' 误标 ',
        documentNumber: '攸住建函〔2024〕12号',
      }),
    ).resolves.toMatchObject({ projectCode: '2024-430223-70-03-012345', reason: '误标' });
    const problem = await problemOf(
      validateCorrectionData({
        projectCode: '2024-43',
        projectType: 'PRESALE',
        reason: 'x'.repeat(501),
        scanBytes: 'AAAA',
      }),
    );
    expect(problem).toMatchObject({ status: 422, code: 'INCOMPLETE_SUBMISSION' });
    expect(problem.errors!.map((e) => e.field).sort()).toEqual([
      'documentNumber',
      'projectCode',
      'reason',
      'scanBytes',
    ]);
  });
});
