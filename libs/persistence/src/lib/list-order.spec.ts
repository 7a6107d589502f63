import { SortOrder } from '@hn/messages';
import { orderBy } from './list-order';

describe('orderBy', () => {
  const columns = { startDate: 'c.start_date', projectName: 'c.project_name' };

  it('keeps the default order without a sort', () => {
    expect(orderBy(undefined, columns, 'c.permit_number', 'c.project_code DESC, c.permit_number')).toBe(
      'c.project_code DESC, c.permit_number',
    );
  });

  it('maps the field to its column, direction and tie-breaker', () => {
    expect(orderBy({ field: 'startDate', direction: 'ASC' }, columns, 'c.permit_number', 'x')).toBe(
      'c.start_date ASC NULLS LAST, c.permit_number',
    );
    expect(orderBy({ field: 'projectName', direction: 'DESC' }, columns, 'c.permit_number', 'x')).toBe(
      'c.project_name DESC NULLS LAST, c.permit_number',
    );
  });

  it('refuses a field outside the map instead of writing it into SQL', () => {
    const bad = { field: 'start_date; DROP TABLE x', direction: 'ASC' } as unknown as SortOrder<'startDate'>;
    expect(() => orderBy(bad, columns, 'c.permit_number', 'x')).toThrow('unsortable field');
    const inherited = { field: 'constructor', direction: 'ASC' } as unknown as SortOrder<'startDate'>;
    expect(() => orderBy(inherited, columns, 'c.permit_number', 'x')).toThrow('unsortable field');
  });
});
