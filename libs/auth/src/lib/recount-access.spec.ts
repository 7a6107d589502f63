import type { Principal } from '@hn/messages';
import { authorizeRecount } from './recount-access';
import { Scopes } from './scopes';

describe(authorizeRecount.name, () => {
  const caller = (scopes: string[], regions = ['430200']): Principal => ({
    kind: 'staff',
    id: 'zhuzhou.tongji',
    regions,
    scopes,
    role: 'CITY',
  });
  const body = { regionCode: '430223', asOf: '2024-09-02' };

  it('answers the region and date of a caller with statistics:read in its regions', async () => {
    expect(await authorizeRecount(caller([Scopes.statisticsRead]), body)).toEqual(body);
  });

  it('refuses a caller without statistics:read (403 SCOPE_FORBIDDEN) or outside its regions (403 REGION_FORBIDDEN)', async () => {
    await expect(authorizeRecount(caller(['supervision:read']), body)).rejects.toMatchObject({
      problem: { status: 403, code: 'SCOPE_FORBIDDEN', detail: expect.stringContaining('statistics:read') },
    });
    await expect(authorizeRecount(caller([Scopes.statisticsRead], ['430400']), body)).rejects.toMatchObject({
      problem: { status: 403, code: 'REGION_FORBIDDEN' },
    });
  });
});
