import type { Clock } from '../../clock/permits-clock';
import { validatePermitsConfig } from '../../config/permits.config';
import type { TransitionRow } from '../approval.repository';
import { ApprovalClockService } from './approval-clock.service';
import { cityOf, CityCalendars, parseCalendarOverrides } from './calendar-overrides';

const RAW = '430200(株政办发〔2026〕5号):2026-07-08=HOLIDAY, 2026-07-11=WORKDAY; 430300:2026-06-01=HOLIDAY';

describe(parseCalendarOverrides.name, () => {
  it('reads per-city days off and working days, with the notice when given', () => {
    const problems: string[] = [];
    const o = parseCalendarOverrides(RAW, problems);
    expect(problems).toEqual([]);
    expect(o.get('430200')).toEqual({
      regionCode: '430200',
      basis: '株政办发〔2026〕5号',
      holidays: ['2026-07-08'],
      workdays: ['2026-07-11'],
    });
    expect(o.get('430300')).toMatchObject({ holidays: ['2026-06-01'], workdays: [] });
    expect(o.get('430300')?.basis).toContain('湘潭市');
    expect(parseCalendarOverrides(undefined, problems).size).toBe(0);
    expect(parseCalendarOverrides('  ', problems).size).toBe(0);
    expect(problems).toEqual([]);
  });

  it('lists every bad entry at once, in Chinese: a county or unknown code, bad dates and kinds, duplicates', () => {
    const problems: string[] = [];
    parseCalendarOverrides(
      '430202:2026-05-06=HOLIDAY;439900:2026-05-06=HOLIDAY;430200:2026-02-30=HOLIDAY,2026-05-06=LUNCH,' +
        '2026-05-07=WORKDAY,2026-05-07=HOLIDAY;430200:2026-05-08=HOLIDAY;nonsense',
      problems,
    );
    expect(problems).toHaveLength(7);
    expect(problems[0]).toContain('“430202:2026-05-06=HOLIDAY” 须为 市州区划代码');
    expect(problems[1]).toContain('439900');
    expect(problems[2]).toContain('430200 的 “2026-02-30=HOLIDAY” 须为 YYYY-MM-DD=HOLIDAY');
    expect(problems[3]).toContain('“2026-05-06=LUNCH”');
    expect(problems[4]).toContain('日期 2026-05-07 重复');
    expect(problems[5]).toContain('市州 430200 重复');
    expect(problems[6]).toContain('“nonsense”');
  });

  it('refuses to boot with a bad setting', () => {
    expect(() => validatePermitsConfig({ PERMITS_CALENDAR_OVERRIDES: '430000:2026-05-06=HOLIDAY' })).toThrow(
      /PERMITS_CALENDAR_OVERRIDES: “430000:2026-05-06=HOLIDAY” 须为 市州区划代码/,
    );
    expect(validatePermitsConfig({}).calendarOverrides.size).toBe(0);
  });
});

describe(CityCalendars.name, () => {
  it('gives a county its city calendar and everyone else the national one', () => {
    expect(cityOf('430202')).toBe('430200');
    expect(cityOf('430200')).toBe('430200');
    expect(cityOf('430000')).toBeNull();
    const calendars = new CityCalendars(parseCalendarOverrides(RAW, []));
    // 2026-07-08 is a Wednesday, 2026-07-11 a Saturday
    for (const region of ['430202', '430200', '430281']) {
      expect(calendars.forRegion(region).isWorkingDay('2026-07-08')).toBe(false);
      expect(calendars.forRegion(region).isWorkingDay('2026-07-11')).toBe(true);
    }
    for (const region of ['430102', '430000', '430302']) {
      expect(calendars.forRegion(region).isWorkingDay('2026-07-08')).toBe(true);
      expect(calendars.forRegion(region).isWorkingDay('2026-07-11')).toBe(false);
    }
    expect(calendars.forRegion('430302').isWorkingDay('2026-06-01')).toBe(false);
    // the national holidays and make-up days stay: 2026-05-01 (劳动节) off, Saturday 2026-05-09 on in 株洲 too
    expect(calendars.forRegion('430202').isWorkingDay('2026-05-01')).toBe(false);
    expect(calendars.forRegion('430202').isWorkingDay('2026-05-09')).toBe(true);
    // a city may also take back a national make-up day
    const off = new CityCalendars(parseCalendarOverrides('430200:2026-05-09=HOLIDAY', []));
    expect(off.forRegion('430202').isWorkingDay('2026-05-09')).toBe(false);
  });
});

describe('ApprovalClockService with city overrides', () => {
  const submitted = (at: string): TransitionRow =>
    ({ action: 'SUBMIT', from_stage: 'ACCEPTANCE', to_stage: 'ACCEPTANCE', at: new Date(at) }) as TransitionRow;

  it('counts the days of a case with the calendar of its city', () => {
    const now = new Date('2026-07-13T02:00:00Z'); // Monday 10:00 China time
    const clock: Clock = { now: () => now };
    const service = new ApprovalClockService(
      clock,
      validatePermitsConfig({ PERMITS_CALENDAR_OVERRIDES: '430200:2026-07-08=HOLIDAY,2026-07-11=WORKDAY' }),
    );
    // submitted Tuesday 07-07 (China time); national: 07-08, 07-09, 07-10, 07-13 = 4 working days
    const history = [submitted('2026-07-07T02:00:00Z')];
    expect(service.compute('430102', history, []).stages[0]?.elapsedDays).toBe(4);
    // 株洲: 07-08 off, Saturday 07-11 on → still 4, but different days
    expect(service.compute('430202', history, []).stages[0]?.elapsedDays).toBe(4);
    const fromWednesday = [submitted('2026-07-08T02:00:00Z')];
    expect(service.compute('430102', fromWednesday, []).stages[0]?.elapsedDays).toBe(3); // 09, 10, 13
    expect(service.compute('430202', fromWednesday, []).stages[0]?.elapsedDays).toBe(4); // 09, 10, 11, 13
    // the due date of the running stage follows the city calendar too
    const friday = new Date('2026-07-10T02:00:00Z');
    const longer = new ApprovalClockService(
      clock,
      validatePermitsConfig({
        PERMITS_STAGE_LIMITS: 'ACCEPTANCE=5/3',
        PERMITS_CALENDAR_OVERRIDES: '430200:2026-07-08=HOLIDAY,2026-07-11=WORKDAY',
      }),
    );
    expect(longer.compute('430202', fromWednesday, [], friday).stages[0]?.dueDate).toBe('2026-07-11');
    expect(longer.compute('430102', fromWednesday, [], friday).stages[0]?.dueDate).toBe('2026-07-13');
  });
});
