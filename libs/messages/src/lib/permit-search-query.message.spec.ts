import { PermitSearchQuery } from './permit-search-query.message';
import { GLOBAL_PIPE_VALIDATION_OPTIONS, validateMessage } from './validation/validate-message';

const check = (value: unknown) => validateMessage(PermitSearchQuery, value, GLOBAL_PIPE_VALIDATION_OPTIONS);
const fieldsOf = async (value: unknown) => {
  const r = await check(value);
  return r.ok ? [] : [...new Set(r.errors.map((e) => e.field))];
};

describe(PermitSearchQuery.name, () => {
  it('takes a query string (page 1, 20 a page by default), the name trimmed', async () => {
    expect(await check({ projectName: ' 锦绣星城 ' })).toMatchObject({
      ok: true,
      value: { projectName: '锦绣星城', page: 1, pageSize: 20 },
    });
    expect(await check({ projectName: '星城', page: '2', pageSize: '100' })).toMatchObject({
      ok: true,
      value: { page: 2, pageSize: 100 },
    });
  });

  it('refuses a name shorter than 2 (after trimming) or longer than 100, absurd pages, unknown fields', async () => {
    expect(await fieldsOf({})).toEqual(['projectName']);
    expect(await fieldsOf({ projectName: ' a ' })).toEqual(['projectName']);
    expect(await fieldsOf({ projectName: '字'.repeat(101) })).toEqual(['projectName']);
    expect(await fieldsOf({ projectName: '锦绣', page: '-1', pageSize: '100000' })).toEqual(['page', 'pageSize']);
    expect(await fieldsOf({ projectName: '锦绣', x: 1 })).toEqual(['x']);
  });
});
