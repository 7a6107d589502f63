import { activeCountyCodes } from '@hn/numbering';
import {
  isStaffRole,
  passwordProblem,
  regionProblem,
  scopesForLogin,
  scopesForRole,
  usernameProblem,
} from './staff-rules';

const TODAY = '2025-06-01';

describe('scopesForRole', () => {
  const base = ['permits:read', 'statistics:read', 'supervision:read', 'supervision:write'];

  it('gives every staff role permit and statistics reading and supervision read/write', () => {
    for (const role of ['PROVINCE', 'CITY', 'COUNTY', 'ADMIN'] as const)
      expect(scopesForRole(role)).toEqual(expect.arrayContaining(base));
  });

  it('adds corrections for ADMIN and the audit trail for PROVINCE and ADMIN only', () => {
    expect(scopesForRole('COUNTY').sort()).toEqual([...base].sort());
    expect(scopesForRole('CITY').sort()).toEqual([...base].sort());
    expect(scopesForRole('PROVINCE').sort()).toEqual([...base, 'audit:read'].sort());
    expect(scopesForRole('ADMIN').sort()).toEqual([...base, 'supervision:correct', 'audit:read'].sort());
  });

  it('never grants integrator issuing scopes to staff', () => {
    for (const role of ['PROVINCE', 'CITY', 'COUNTY', 'ADMIN'] as const) {
      expect(scopesForRole(role)).not.toEqual(expect.arrayContaining(['presale:issue']));
      expect(scopesForRole(role)).not.toContain('contracts:issue');
      expect(scopesForRole(role)).not.toContain('approval:write');
    }
  });
});

describe('scopesForLogin', () => {
  it('gives the role scopes, or only password:change-required while the one-time password is unchanged', () => {
    expect(scopesForLogin('COUNTY', false)).toEqual(scopesForRole('COUNTY'));
    for (const role of ['PROVINCE', 'CITY', 'COUNTY', 'ADMIN'] as const)
      expect(scopesForLogin(role, true)).toEqual(['password:change-required']);
  });
});

describe('regionProblem', () => {
  it.each([
    ['PROVINCE', '430000'],
    ['ADMIN', '430000'],
    ['CITY', '430200'], // 株洲市
    ['CITY', '433100'], // 湘西土家族苗族自治州
    ['COUNTY', '430223'], // 攸县
    ['COUNTY', '430112'], // 望城区 (from 2011)
  ] as const)('accepts %s bound to %s', (role, region) => {
    expect(regionProblem(role, region, TODAY)).toBeNull();
  });

  it.each([
    ['PROVINCE', '430200', '430000'],
    ['ADMIN', '430223', '430000'],
    ['CITY', '430000', 'XXYY00'],
    ['CITY', '430223', 'XXYY00'],
    ['COUNTY', '430200', 'county'],
    ['COUNTY', '430000', 'county'],
    ['COUNTY', '430122', 'retired'], // 望城县, retired 2011
    ['COUNTY', '439999', 'unknown'],
    ['COUNTY', '110101', 'Hunan'],
    ['COUNTY', '43022', 'Hunan'],
    ['CITY', '4302OO', 'Hunan'],
  ] as const)('refuses %s bound to %s', (role, region, hint) => {
    expect(regionProblem(role, region, TODAY)).toContain(hint);
  });

  it('judges a code by the date: a county retired later was fine before', () => {
    expect(regionProblem('COUNTY', '430122', '2010-06-01')).toBeNull();
    expect(regionProblem('COUNTY', '430112', '2010-06-01')).not.toBeNull();
  });

  it('accepts every active county code for COUNTY and none for CITY', () => {
    for (const code of activeCountyCodes()) {
      expect(regionProblem('COUNTY', code, TODAY)).toBeNull();
      expect(regionProblem('CITY', code, TODAY)).not.toBeNull();
    }
  });
});

describe('usernameProblem', () => {
  it.each(['abc', 'zhang.san', 'youxian_01', 'a-b.c_d', 'x'.repeat(64)])('accepts %s', (u) =>
    expect(usernameProblem(u)).toBeNull(),
  );
  it.each(['ab', 'x'.repeat(65), 'Zhang', 'zhang san', '张三', 'a/b', ''])('refuses %j', (u) =>
    expect(usernameProblem(u)).toMatch(/3–64.*a-z/),
  );
});

describe('passwordProblem', () => {
  it('accepts ten or more characters with letters and digits', () => {
    expect(passwordProblem('abcdefghi1')).toBeNull();
    expect(passwordProblem('湖南Youxian2024')).toBeNull();
  });

  it.each([
    ['abcdefgh1', '10'],
    ['abcdefghij', 'letters and digits'],
    ['1234567890', 'letters and digits'],
    ['a1'.repeat(65), '128'],
  ])('refuses %j (%s)', (password, hint) => {
    const problem = passwordProblem(password);
    expect(problem).toContain(hint);
    expect(problem).toMatch(/[\u4e00-\u9fff]/); // Chinese and English
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblem('xx-zhang.san-2024', 'zhang.san')).toContain('username');
  });
});

describe('isStaffRole', () => {
  it('knows the four roles only', () => {
    expect(['PROVINCE', 'CITY', 'COUNTY', 'ADMIN'].every(isStaffRole)).toBe(true);
    expect(isStaffRole('province')).toBe(false);
    expect(isStaffRole('ROOT')).toBe(false);
  });
});
