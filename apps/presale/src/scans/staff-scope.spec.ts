import { Principal } from '@hn/messages';
import { assertRegionFilter, likeContains, regionPatterns } from './staff-scope';

const staff: Principal = { kind: 'staff', id: 'a', regions: ['430223'], scopes: ['supervision:read'], role: 'COUNTY' };

describe('staff scope helpers', () => {
  it('maps granted regions to LIKE patterns', () => {
    expect(regionPatterns(['430000', '430200', '430223', 'bad'])).toEqual(['43%', '4302%', '430223']);
  });

  it("refuses a region filter outside the caller's regions", () => {
    expect(() => assertRegionFilter(staff, '430223')).not.toThrow();
    expect(() => assertRegionFilter(staff, undefined)).not.toThrow();
    expect(() => assertRegionFilter(staff, '430102')).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ code: 'REGION_FORBIDDEN' }) }),
    );
  });

  // paging: the list query classes of @hn/messages (BackfillPageQuery), applied by the Rpc entries
  it('escapes LIKE keywords', () => {
    expect(likeContains('50%_a\\')).toBe('%50\\%\\_a\\\\%');
  });
});
