import { Principal, Rpc } from '@hn/messages';
import { assertStaff, CORRECTOR } from '@hn/auth';
import { requestContractOf, validateRpcBody } from '@hn/messaging';
import { checkMarkingBatch as checkBatch, checkMarkingSubmit as checkSubmit } from './marking-access';

// as the handlers receive them: the body validated by @RpcHandler with the Rpc entry's class first
const checkMarkingSubmit = async (principal: Principal, body: unknown): Promise<string[]> =>
  checkSubmit(principal, await validateRpcBody(requestContractOf(Rpc.markingSubmit), body));
const checkMarkingBatch = async (principal: Principal, body: unknown) =>
  checkBatch(principal, await validateRpcBody(requestContractOf(Rpc.markingBatch), body));

const county: Principal = {
  kind: 'staff',
  id: 'youxian.zhang',
  regions: ['430223'],
  scopes: ['supervision:write'],
  role: 'COUNTY',
};
const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { problem: { status: number; code: string; errors?: Array<{ field: string; reason: string }> } })
      .problem;
  }
  throw new Error('expected a problem');
};

describe(checkMarkingSubmit.name, () => {
  const problemOfAsync = async (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a problem');
      },
      (err: { problem: { status: number; code: string; errors?: Array<{ field: string; reason: string }> } }) =>
        err.problem,
    );

  it('accepts 1..1000 distinct well-formed numbers in the caller regions', async () => {
    expect(await checkMarkingSubmit(county, { permitNumbers: ['430223202406200101', '430223202406200201'] })).toEqual([
      '430223202406200101',
      '430223202406200201',
    ]);
    const thousand = Array.from(
      { length: 1000 },
      (_, i) => `430223${new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10).replace(/-/g, '')}0101`,
    );
    expect(await checkMarkingSubmit(county, { permitNumbers: thousand })).toHaveLength(1000);
    expect(
      await problemOfAsync(checkMarkingSubmit(county, { permitNumbers: [...thousand, '430223202406200101'] })),
    ).toMatchObject({ status: 422, errors: [{ field: 'permitNumbers' }] });
  });

  it('names every malformed or repeated number (the message class, as at the gateway), then every one outside the regions', async () => {
    expect(
      await problemOfAsync(
        checkMarkingSubmit(county, { permitNumbers: ['430223202406200101', 'x', 7, '430223202406200101'] }),
      ),
    ).toMatchObject({
      status: 422,
      code: 'INCOMPLETE_SUBMISSION',
      errors: [
        { field: 'permitNumbers[1]' },
        { field: 'permitNumbers[2]' },
        { field: 'permitNumbers[3]', reason: expect.stringContaining('重复') },
      ],
    });
    expect(
      await problemOfAsync(
        checkMarkingSubmit(county, {
          permitNumbers: ['430223202406200101', '430224202406200101', '430102202405100101'],
        }),
      ),
    ).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
      errors: [{ reason: '430224202406200101' }, { reason: '430102202405100101' }],
    });
    expect(await problemOfAsync(checkMarkingSubmit(county, { permitNumbers: [] }))).toMatchObject({ status: 422 });
    expect(await problemOfAsync(checkMarkingSubmit(county, { permitNumbers: 'x' }))).toMatchObject({ status: 422 });
    expect(
      await problemOfAsync(checkMarkingSubmit(county, { permitNumbers: ['430223202406200101'], extra: 1 })),
    ).toMatchObject({ status: 422, errors: [{ field: 'extra' }] });
  });
});

describe(checkMarkingBatch.name, () => {
  it('checks the numbers and the type together, naming both', async () => {
    await expect(
      checkMarkingBatch(county, { permitNumbers: ['430223202406200101'], projectType: 'PRESALE' }),
    ).resolves.toEqual({ numbers: ['430223202406200101'], projectType: 'PRESALE' });
    const failed = await checkMarkingBatch(county, { permitNumbers: ['x'], projectType: 'SOLD' }).catch(
      (err: { problem: { errors: Array<{ field: string }> } }) => err.problem,
    );
    expect((failed as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual([
      'permitNumbers[0]',
      'projectType',
    ]);
  });
});

describe('corrector check', () => {
  it('lets only ADMIN staff with supervision:correct through', () => {
    const admin: Principal = {
      kind: 'staff',
      id: 'admin.chen',
      regions: ['430000'],
      scopes: ['supervision:correct'],
      role: 'ADMIN',
    };
    expect(() => assertStaff(admin, CORRECTOR)).not.toThrow();
    expect(problem(() => assertStaff({ ...admin, scopes: [] }, CORRECTOR))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
    expect(problem(() => assertStaff({ ...admin, role: 'PROVINCE' }, CORRECTOR))).toMatchObject({ status: 403 });
    expect(problem(() => assertStaff({ ...admin, kind: 'integrator' }, CORRECTOR))).toMatchObject({ status: 403 });
  });
});
