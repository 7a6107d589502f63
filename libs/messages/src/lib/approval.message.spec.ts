import { ApplicationIdRequest, ApplicationTransitionRequest } from './approval.message';
import { validateMessage } from './validation/validate-message';

const errorsOf = async (value: unknown) => {
  const r = await validateMessage(ApplicationIdRequest, value);
  return r.ok ? [] : r.errors;
};

describe(ApplicationIdRequest.name, () => {
  it('takes a UUID', async () => {
    expect(await errorsOf({ applicationId: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b' })).toEqual([]);
    expect(await errorsOf({ applicationId: '7C1F0C4E-3F7A-4A55-9D3B-0C1D2E3F4A5B' })).toEqual([]);
  });

  it('refuses anything else under applicationId, and unknown fields', async () => {
    for (const applicationId of ['nope', '7c1f0c4e3f7a4a559d3b0c1d2e3f4a5b', 1])
      expect(await errorsOf({ applicationId })).toEqual([
        { field: 'applicationId', reason: '须为申请编号 UUID (application id)' },
      ]);
    expect(await errorsOf({})).toEqual([{ field: 'applicationId', reason: '必填 (required)' }]);
    expect(
      (await errorsOf({ applicationId: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b', x: 1 })).map((e) => e.field),
    ).toEqual(['x']);
  });
});

describe(ApplicationTransitionRequest.name, () => {
  const id = '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b';
  const errorsOfStep = async (value: object) => {
    const r = await validateMessage(ApplicationTransitionRequest, { applicationId: id, opinion: '受理', ...value });
    return r.ok ? [] : r.errors.map((e) => e.field);
  };

  it('takes confirmedProjectType with PASS only, and only one of the project types', async () => {
    expect(await errorsOfStep({ action: 'PASS', confirmedProjectType: 'PRESALE' })).toEqual([]);
    expect(await errorsOfStep({ action: 'PASS' })).toEqual([]); // required at 受理: the service knows the stage
    expect(await errorsOfStep({ action: 'PASS', confirmedProjectType: 'presale' })).toEqual(['confirmedProjectType']);
    expect(
      await errorsOfStep({ action: 'REJECT', reasonCode: 'CONDITIONS_NOT_MET', confirmedProjectType: 'OTHER' }),
    ).toEqual(['confirmedProjectType']);
  });
});
