import { Principal } from '@hn/messages';
import { isLevelAbove, regionLevel } from './staff-levels';

const staff = (region: string, role: Principal['role']): Principal => ({
  kind: 'staff',
  id: `${role}-${region}`,
  regions: [region],
  scopes: ['supervision:read', 'supervision:write'],
  role,
});

describe(isLevelAbove.name, () => {
  it('knows the levels of GB/T 2260 codes', () => {
    expect([regionLevel('430000'), regionLevel('430200'), regionLevel('430223')]).toEqual([0, 1, 2]);
  });

  it('lets the city decide its counties, the province cities and counties', () => {
    expect(isLevelAbove(staff('430200', 'CITY'), '430223', '430223')).toBe(true);
    expect(isLevelAbove(staff('430000', 'PROVINCE'), '430223', '430223')).toBe(true);
    expect(isLevelAbove(staff('430000', 'PROVINCE'), '430200', '430223')).toBe(true);
  });

  it('refuses the same level, another city, and a city deciding a city request', () => {
    expect(isLevelAbove(staff('430223', 'COUNTY'), '430223', '430223')).toBe(false);
    expect(isLevelAbove(staff('430100', 'CITY'), '430223', '430223')).toBe(false);
    expect(isLevelAbove(staff('430200', 'CITY'), '430200', '430223')).toBe(false);
  });

  it('sends a province request to a 省厅 ADMIN account', () => {
    expect(isLevelAbove(staff('430000', 'PROVINCE'), '430000', '430223')).toBe(false);
    expect(isLevelAbove(staff('430000', 'ADMIN'), '430000', '430223')).toBe(true);
  });
});
