import { addDays, chinaDateOf, daysBetween, endOfChinaDay, nextChinaTime, startOfChinaDay } from './china-date';

describe('china dates', () => {
  it('takes the China date of an instant (UTC+8): 16:00Z is already the next day', () => {
    expect(chinaDateOf(new Date('2026-12-02T15:59:59.999Z'))).toBe('2026-12-02');
    expect(chinaDateOf(new Date('2026-12-02T16:00:00Z'))).toBe('2026-12-03');
  });

  it('bounds a China day', () => {
    expect(startOfChinaDay('2026-12-03').toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect(endOfChinaDay('2026-12-03').toISOString()).toBe('2026-12-03T15:59:59.999Z');
  });

  it('adds and counts days across month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-12-31', '2025-03-01')).toBe(60);
  });

  it('finds the next daily run at 00:10 China time', () => {
    expect(nextChinaTime(new Date('2026-12-02T16:09:00Z'), 0, 10).toISOString()).toBe('2026-12-02T16:10:00.000Z');
    expect(nextChinaTime(new Date('2026-12-02T16:10:00Z'), 0, 10).toISOString()).toBe('2026-12-03T16:10:00.000Z');
  });
});
