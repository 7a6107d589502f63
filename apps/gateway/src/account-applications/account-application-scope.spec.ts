import { Principal } from '@hn/messages';
import { canSee, cityForCounty, visibleCity } from './account-application-scope';

const TODAY = '2024-07-05';
const staff = (role: Principal['role'], region: string): Principal => ({
  kind: 'staff',
  id: 'x',
  regions: [region],
  scopes: [],
  role,
});
const problem = (fn: () => unknown): { status: number; code: string; errors?: unknown } => {
  try {
    fn();
  } catch (err) {
    return (err as { problem: { status: number; code: string; errors?: unknown } }).problem;
  }
  throw new Error('expected a refusal');
};

describe('account application scope', () => {
  const zhuzhou = staff('CITY', '430200');

  it('lets a city see its own applications only, the province and ADMIN all', () => {
    expect(visibleCity(zhuzhou)).toBe('430200');
    expect(canSee(zhuzhou, { city_code: '430200' })).toBe(true);
    expect(canSee(zhuzhou, { city_code: '430100' })).toBe(false);
    for (const p of [staff('PROVINCE', '430000'), staff('ADMIN', '430000')]) {
      expect(visibleCity(p)).toBeNull();
      expect(canSee(p, { city_code: '430100' })).toBe(true);
    }
  });

  it('lets a city draft for its counties (攸县, 茶陵县 of 株洲市; 泸溪县 of 湘西州)', () => {
    expect(cityForCounty(zhuzhou, '430223', TODAY)).toBe('430200');
    expect(cityForCounty(zhuzhou, '430224', TODAY)).toBe('430200');
    expect(cityForCounty(staff('CITY', '433100'), '433122', TODAY)).toBe('433100');
  });

  it("refuses another city's county with 403 REGION_FORBIDDEN naming countyCode", () => {
    expect(problem(() => cityForCounty(zhuzhou, '430102', TODAY))).toMatchObject({
      status: 403,
      code: 'REGION_FORBIDDEN',
      errors: [{ field: 'countyCode', reason: expect.stringContaining('430102') }],
    });
    expect(problem(() => cityForCounty(staff('PROVINCE', '430000'), '430223', TODAY))).toMatchObject({
      status: 403,
    });
  });

  it('refuses codes that are no county in force with 400 naming countyCode', () => {
    for (const code of ['430200', '430000', '439999', '430122'])
      expect(problem(() => cityForCounty(zhuzhou, code, TODAY))).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'countyCode', reason: expect.any(String) }],
      });
  });
});
