import { correctionErrors } from './approval-corrections.message';
import {
  AMOUNT_OR_LETTER,
  ApplicantActionRequest,
  ApplicationIdRequest,
  ApplicationTransitionRequest,
  CapitalGuaranteeInput,
} from './approval.message';
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

describe(CapitalGuaranteeInput.name, () => {
  const letter = {
    stagingKey: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b',
    sha256: 'a'.repeat(64),
    contentType: 'application/pdf',
    size: 1234,
    fileName: '承诺函.pdf',
  };
  const problems = async (value: object) => {
    const r = await validateMessage(CapitalGuaranteeInput, value);
    return r.ok ? [] : r.errors;
  };

  it('takes an amount or a commitment letter (or both) when the guarantee applies', async () => {
    expect(await problems({ applies: true, amountFen: 1_500_000_000, commitmentLetter: null })).toEqual([]);
    expect(await problems({ applies: true, amountFen: null, commitmentLetter: letter })).toEqual([]);
    expect(await problems({ applies: true, amountFen: 1_500_000_000, commitmentLetter: letter })).toEqual([]);
    expect(await problems({ applies: false, amountFen: null })).toEqual([]);
  });

  it('refuses applies=true with neither, naming amountFen', async () => {
    expect(await problems({ applies: true, amountFen: null })).toEqual([
      { field: 'amountFen', reason: AMOUNT_OR_LETTER },
    ]);
    expect(await problems({ applies: true, amountFen: null, commitmentLetter: null })).toEqual([
      { field: 'amountFen', reason: AMOUNT_OR_LETTER },
    ]);
  });

  it('refuses a letter when the guarantee does not apply, and a reference that is not a staged scan', async () => {
    expect((await problems({ applies: false, amountFen: null, commitmentLetter: letter })).map((e) => e.field)).toEqual(
      ['commitmentLetter'],
    );
    expect(
      (await problems({ applies: true, amountFen: null, commitmentLetter: { ...letter, sha256: 'xyz' } })).map(
        (e) => e.field,
      ),
    ).toEqual(['commitmentLetter']);
  });
});

describe(correctionErrors.name, () => {
  it('refuses a letter named in a correction and leaves "amount or letter" to the service (a letter may be kept)', async () => {
    expect(await correctionErrors({ capitalGuarantee: { applies: true, amountFen: null } })).toEqual([]);
    expect(
      (
        await correctionErrors({
          capitalGuarantee: { applies: true, amountFen: null, commitmentLetter: { stagingKey: 'x' } },
        })
      ).map((e) => e.field),
    ).toEqual(['corrections.capitalGuarantee.commitmentLetter']);
  });
});

describe(ApplicantActionRequest.name, () => {
  const applicationId = '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b';
  const commitmentLetter = {
    stagingKey: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b',
    sha256: 'a'.repeat(64),
    contentType: 'application/pdf',
    size: 1234,
    fileName: '承诺函.pdf',
  };
  const problems = async (value: object) => {
    const r = await validateMessage(ApplicantActionRequest, { applicationId, opinion: '已补充', ...value });
    return r.ok ? [] : r.errors;
  };

  it('takes a staged letter with RESUBMIT, with or without corrections', async () => {
    expect(await problems({ action: 'RESUBMIT', commitmentLetter })).toEqual([]);
    expect(
      await problems({
        action: 'RESUBMIT',
        commitmentLetter,
        corrections: { capitalGuarantee: { applies: true, amountFen: null } },
      }),
    ).toEqual([]);
    expect(await problems({ action: 'RESUBMIT', commitmentLetter: null })).toEqual([]);
  });

  it('refuses a letter on WITHDRAW, an invalid reference, and a correction to applies=false', async () => {
    const fields = async (value: object) => (await problems(value)).map((e) => [e.field, e.reason]);
    expect(await fields({ action: 'WITHDRAW', commitmentLetter })).toEqual([
      ['commitmentLetter', expect.stringContaining('RESUBMIT')],
    ]);
    expect(await fields({ action: 'RESUBMIT', commitmentLetter: { ...commitmentLetter, sha256: 'x' } })).toEqual([
      ['commitmentLetter', expect.stringContaining('引用无效')],
    ]);
    expect(
      await fields({
        action: 'RESUBMIT',
        commitmentLetter,
        corrections: { capitalGuarantee: { applies: false, amountFen: null } },
      }),
    ).toEqual([['commitmentLetter', expect.stringContaining('applies=false')]]);
    // an unknown action is reported on its own field only
    expect((await problems({ action: 'APPROVE', commitmentLetter })).map((e) => e.field)).toEqual(['action']);
  });
});
