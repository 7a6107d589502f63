import type { ScanRefV1 } from '@hn/messages';
import { creditCodeCheckChar } from '@hn/numbering';
import type { ApplicationRow } from './approval.repository';
import { letterErrors, resubmission } from './resubmit-corrections';

const party = {
  name: '湖南建工集团有限公司',
  creditCode: `91430000MA4L0XKJ2${creditCodeCheckChar('91430000MA4L0XKJ2')}`,
};
const letter: ScanRefV1 = {
  stagingKey: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b',
  sha256: 'b'.repeat(64),
  contentType: 'image/png',
  size: 2048,
  fileName: '承诺函.png',
};

function row(
  over: Partial<ApplicationRow> = {},
  guarantee: unknown = { applies: false, amountFen: null },
): ApplicationRow {
  return {
    application_id: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b',
    project_code: '2024-430223-70-03-012345',
    region_code: '430223',
    stage: 'START_CONDITIONS_REVIEW',
    state: 'RETURNED',
    form: {
      projectCode: '2024-430223-70-03-012345',
      worksCategoryCode: '01',
      units: [{ unitCode: '2024-430223-70-03-012345-DT01', name: '1#栋', floors: 18, floorArea: 9876.5 }],
      constructionUnit: party,
      contractor: party,
      supervisor: party,
      contractAmountFen: 35_000_000_000,
      area: 9876.5,
      plannedStartDate: '2025-01-01',
      plannedCompletionDate: '2099-12-31',
      capitalGuarantee: guarantee as ApplicationRow['form']['capitalGuarantee'],
      fundSupervision: { planned: false, bank: null, account: null },
    },
    submitted_by: 'gaigai',
    submitted_at: new Date(),
    permit_number: null,
    project_name: '锦绣星城',
    project_type: 'PRESALE',
    developer_name: '攸县锦绣置业有限公司',
    developer_credit_code: party.creditCode,
    category: '社会投资房建类',
    overdue_stage: null,
    letter_sha256: null,
    letter_content_type: null,
    letter_size: null,
    letter_file_name: null,
    letter_uploaded_at: null,
    letter_version: null,
    ...over,
  };
}

const fieldsOf = async (p: Promise<unknown>): Promise<string[]> =>
  p.then(
    () => [],
    (err: { problem: { errors: Array<{ field: string }> } }) => err.problem.errors.map((e) => e.field),
  );

describe(resubmission.name, () => {
  it('is nothing for a plain RESUBMIT', async () => {
    expect(await resubmission(row(), undefined, null)).toBeUndefined();
  });

  it('counts the new letter for "amount or letter" after the correction and lists it as a change', async () => {
    const r = await resubmission(row(), { capitalGuarantee: { applies: true, amountFen: null } }, letter);
    expect(r!.form!.capitalGuarantee).toEqual({ applies: true, amountFen: null });
    expect(r!.changes).toEqual([
      {
        field: 'capitalGuarantee',
        before: { applies: false, amountFen: null },
        after: { applies: true, amountFen: null },
      },
      {
        field: 'capitalGuarantee.commitmentLetter',
        before: null,
        after: { sha256: letter.sha256, fileName: '承诺函.png', contentType: 'image/png', size: 2048, version: 1 },
      },
    ]);
    // without the letter (and none kept) the same correction is refused, naming the corrected field
    expect(await fieldsOf(resubmission(row(), { capitalGuarantee: { applies: true, amountFen: null } }, null))).toEqual(
      ['corrections.capitalGuarantee.amountFen'],
    );
  });

  it('replaces a kept letter without touching the form: the next version, before and after', async () => {
    const kept = row(
      {
        letter_sha256: 'a'.repeat(64),
        letter_content_type: 'application/pdf',
        letter_size: 100,
        letter_file_name: '旧承诺函.pdf',
        letter_version: 2,
      },
      { applies: true, amountFen: null },
    );
    const r = await resubmission(kept, undefined, letter);
    expect(r!.form).toBeUndefined();
    expect(r!.changes).toEqual([
      {
        field: 'capitalGuarantee.commitmentLetter',
        before: {
          sha256: 'a'.repeat(64),
          fileName: '旧承诺函.pdf',
          contentType: 'application/pdf',
          size: 100,
          version: 2,
        },
        after: expect.objectContaining({ sha256: letter.sha256, version: 3 }),
      },
    ]);
  });

  it('refuses a letter on a guarantee that does not apply, or on a project that is not PRESALE', async () => {
    expect(await fieldsOf(resubmission(row(), undefined, letter))).toEqual(['commitmentLetter']);
    expect(await fieldsOf(resubmission(row({ project_type: 'OTHER' }, null), undefined, letter))).toEqual([
      'commitmentLetter',
    ]);
    // every problem at once: a bad corrected field and the letter's
    expect(
      await fieldsOf(
        resubmission(row(), { contractAmountFen: -1, capitalGuarantee: { applies: false, amountFen: null } }, letter),
      ),
    ).toEqual(['corrections.contractAmountFen', 'commitmentLetter']);
  });
});

describe(letterErrors.name, () => {
  it('names the project type or the guarantee in Chinese', () => {
    expect(letterErrors('OTHER', null)[0]!.reason).toContain('本项目类型为 OTHER');
    expect(letterErrors(null, null)[0]!.reason).toContain('未选择');
    expect(letterErrors('PRESALE', { applies: false, amountFen: null })[0]!.reason).toContain('applies=false');
    expect(letterErrors('PRESALE', { applies: true, amountFen: null })).toEqual([]);
  });
});
