import { listSort, validateSort } from './sort-constraints';

describe('list sort', () => {
  const spec = listSort(['startDate', 'projectName']);

  it('accepts each field ascending and descending, and nothing for the default', async () => {
    expect(spec.values).toEqual(['startDate', 'projectName', '-startDate', '-projectName']);
    expect(await validateSort(spec, 'startDate')).toEqual({
      ok: true,
      order: { field: 'startDate', direction: 'ASC' },
    });
    expect(await validateSort(spec, '-projectName')).toEqual({
      ok: true,
      order: { field: 'projectName', direction: 'DESC' },
    });
    expect(await validateSort(spec, undefined)).toEqual({ ok: true, order: undefined });
    expect(await validateSort(spec, '')).toEqual({ ok: true, order: undefined });
  });

  it.each([['start_date'], ['startDate; DROP TABLE x'], ['--startDate'], ['constructor'], [['startDate']], [3]])(
    'refuses %p naming the allowed fields',
    async (value) => {
      const result = await validateSort(spec, value);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toEqual([{ field: 'sort', reason: expect.stringContaining('startDate、projectName') }]);
      expect(result.detail).toContain('可按 startDate、projectName 排序');
    },
  );
});
