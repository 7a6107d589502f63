import { DomainException } from '@hn/errors';
import { Principal } from '@hn/messages';
import { assertRegionAllowed, assertRegionsAllowed, assertStaff, regionOf } from './region-scope';

const problemOf = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    return (err as DomainException).problem;
  }
  return null;
};

describe('region scope', () => {
  it('takes the region code from any unified number', () => {
    expect(['430223202406200101', '430223202406200101-Y01', '430223202406200101-Y01-B0001'].map(regionOf)).toEqual([
      '430223',
      '430223',
      '430223',
    ]);
    expect(problemOf(() => regionOf('x43'))).toMatchObject({ status: 400 });
  });

  it('allows a county inside a province or city grant, refuses another county naming the field', () => {
    expect(problemOf(() => assertRegionAllowed({ regions: ['430000'] }, '430223'))).toBeNull();
    expect(problemOf(() => assertRegionAllowed({ regions: ['430200'] }, '430223'))).toBeNull();
    expect(
      problemOf(() =>
        assertRegionAllowed({ regions: ['430223'] }, '430102', {
          what: '施工许可证 430102202406200101',
          field: 'constructionPermitNumbers[0]',
        }),
      ),
    ).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
      errors: [{ field: 'constructionPermitNumbers[0]' }],
    });
  });

  it('names every key outside the regions of a batch at once, each once', () => {
    const items = [
      { key: '430223202406200101', regionCode: '430223' },
      { key: '430224202406200101', regionCode: '430224' },
      { key: '430102202405100101', regionCode: '430102' },
      { key: '430224202406200101', regionCode: '430224' },
    ];
    expect(problemOf(() => assertRegionsAllowed({ regions: ['430223'] }, 'permitNumbers', items))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
      errors: [
        { field: 'permitNumbers', reason: '430224202406200101' },
        { field: 'permitNumbers', reason: '430102202405100101' },
      ],
    });
    expect(problemOf(() => assertRegionsAllowed({ regions: ['430000'] }, 'permitNumbers', items))).toBeNull();
    expect(problemOf(() => assertRegionsAllowed({ regions: ['430223'] }, 'permitNumbers', []))).toBeNull();
  });

  it('lets only staff (not sandbox, not integrators) through, with roles and scopes when asked', () => {
    const staff: Principal = {
      kind: 'staff',
      id: 'li',
      regions: ['430223'],
      scopes: ['supervision:write'],
      role: 'COUNTY',
    };
    expect(problemOf(() => assertStaff(staff))).toBeNull();
    expect(problemOf(() => assertStaff({ ...staff, kind: 'integrator' }))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
    expect(problemOf(() => assertStaff({ ...staff, sandbox: true }))).toMatchObject({ status: 403 });
    expect(problemOf(() => assertStaff(undefined))).toMatchObject({ status: 403 });
    expect(problemOf(() => assertStaff(staff, { roles: ['ADMIN'] }))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
    expect(problemOf(() => assertStaff(staff, { scope: 'supervision:correct' }))).toMatchObject({
      status: 403,
      code: 'SCOPE_FORBIDDEN',
    });
    expect(
      problemOf(() =>
        assertStaff(
          { ...staff, role: 'ADMIN', scopes: ['supervision:correct'] },
          { roles: ['ADMIN'], scope: 'supervision:correct' },
        ),
      ),
    ).toBeNull();
  });
});
