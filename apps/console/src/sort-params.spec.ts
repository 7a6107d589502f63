import { headerText, nextSort, sortable, sortDirection, sortedParams } from './sort-params';

describe('list sort in the URL', () => {
  const params = new URLSearchParams('state=DRAFT&regionCode=430223&sort=-issueDate&page=3&other=x');

  it('reads the direction of a field', () => {
    expect(sortDirection(params, 'issueDate')).toBe('descending');
    expect(sortDirection(new URLSearchParams('sort=issueDate'), 'issueDate')).toBe('ascending');
    expect(sortDirection(params, 'presaleNumber')).toBeNull();
    expect(sortDirection(new URLSearchParams(), 'issueDate')).toBeNull();
  });

  it('asks ascending first, then toggles the sorted column', () => {
    expect(nextSort(params, 'presaleNumber')).toBe('presaleNumber');
    expect(nextSort(params, 'issueDate')).toBe('issueDate');
    expect(nextSort(new URLSearchParams('sort=issueDate'), 'issueDate')).toBe('-issueDate');
  });

  it('keeps the filters, sets the sort and goes back to page 1', () => {
    const next = sortedParams(
      { path: '/escrow', params, keep: ['regionCode', 'state', 'sort', 'page'] },
      'presaleNumber',
    );
    expect(next.toString()).toBe('regionCode=430223&state=DRAFT&sort=presaleNumber');
  });

  it('names a header by its text', () => {
    expect(headerText('区划')).toBe('区划');
    expect(headerText(sortable('发证日期', 'issueDate'))).toBe('发证日期');
  });
});
