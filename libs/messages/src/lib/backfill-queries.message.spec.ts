import { BackfillCandidateQuery, BackfillKeywordQuery, BackfillListQuery } from './backfill-queries.message';
import { GLOBAL_PIPE_VALIDATION_OPTIONS, validateMessage } from './validation/validate-message';

/** validated as the Rpc entries apply them (the gateway's global pipe options) */
const check = async <T extends object>(type: new () => T, value: unknown) => {
  const result = await validateMessage(type, value, GLOBAL_PIPE_VALIDATION_OPTIONS);
  return result.ok
    ? { value: result.value, fields: [] }
    : { fields: [...new Set(result.errors.map((e) => e.field))].sort() };
};

describe(BackfillKeywordQuery.name, () => {
  it('takes the page defaults and turns URL strings into numbers', async () => {
    expect((await check(BackfillKeywordQuery, {})).value).toMatchObject({ page: 1, pageSize: 20 });
    expect((await check(BackfillKeywordQuery, { page: '2', pageSize: '50', keyword: '滨江' })).value).toMatchObject({
      page: 2,
      pageSize: 50,
      keyword: '滨江',
    });
  });

  it('refuses a bad page, region or keyword and unknown fields by name', async () => {
    expect(
      (await check(BackfillKeywordQuery, { page: 0, pageSize: 101, regionCode: '4302', keyword: 'x'.repeat(101) }))
        .fields,
    ).toEqual(['keyword', 'page', 'pageSize', 'regionCode']);
    expect((await check(BackfillKeywordQuery, { extra: 1 })).fields).toEqual(['extra']);
  });
});

describe(BackfillCandidateQuery.name, () => {
  it('passes the sort through (checked after the class against BACKFILL_CANDIDATE_SORT)', async () => {
    expect((await check(BackfillCandidateQuery, { sort: 'bogus' })).value).toMatchObject({ sort: 'bogus' });
  });
});

describe(BackfillListQuery.name, () => {
  it('accepts DRAFT or SUBMITTED, refuses another state and a keyword', async () => {
    expect((await check(BackfillListQuery, { state: 'SUBMITTED' })).fields).toEqual([]);
    expect((await check(BackfillListQuery, { state: 'OPEN', keyword: 'x' })).fields).toEqual(['keyword', 'state']);
  });
});
