import {
  activeRegionLevel,
  CalendarOverride,
  isIsoDate,
  regionName,
  workingCalendar,
  WorkingCalendar,
} from '@hn/numbering';
import { NATIONAL_CALENDAR } from './approval-clock';

/** City overrides of the working-day calendar, by city code (PPCC00). */
export type CalendarOverrides = ReadonlyMap<string, CalendarOverride>;

const NAME = 'PERMITS_CALENDAR_OVERRIDES';
const CITY = /^(\d{6})(?:\(([^()]{1,60})\))?$/;

/**
 * PERMITS_CALENDAR_OVERRIDES, e.g.
 * `430200(株政办发〔2026〕5号):2026-05-06=HOLIDAY,2026-05-09=WORKDAY;430300:2026-06-01=HOLIDAY`:
 * per city (a prefecture code in force, optionally its notice in parentheses) the dates that are
 * days off (HOLIDAY) or working days (WORKDAY) unlike the State Council's calendar. Empty = none.
 */
export function parseCalendarOverrides(raw: string | undefined, problems: string[]): CalendarOverrides {
  const out = new Map<string, CalendarOverride>();
  if (!raw?.trim()) return out;
  for (const part of raw
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    const head = CITY.exec(colon > 0 ? part.slice(0, colon).trim() : '');
    const city = head?.[1];
    if (!head || !city || activeRegionLevel(city) !== 'prefecture') {
      problems.push(
        `${NAME}: “${part}” 须为 市州区划代码[(文号)]:日期=HOLIDAY|WORKDAY,…，区划须为现行市州代码 (CITY[(notice)]:YYYY-MM-DD=HOLIDAY|WORKDAY,…; a prefecture code in force)`,
      );
      continue;
    }
    if (out.has(city)) {
      problems.push(`${NAME}: 市州 ${city} 重复 (duplicate city)`);
      continue;
    }
    const holidays: string[] = [];
    const workdays: string[] = [];
    const seen = new Set<string>();
    for (const entry of part
      .slice(colon + 1)
      .split(',')
      .map((e) => e.trim())) {
      const m = /^(\d{4}-\d{2}-\d{2})=(HOLIDAY|WORKDAY)$/.exec(entry);
      const date = m?.[1];
      if (!m || !date || !isIsoDate(date) || date < '2000-01-01' || date > '2099-12-31') {
        problems.push(
          `${NAME}: ${city} 的 “${entry}” 须为 YYYY-MM-DD=HOLIDAY 或 YYYY-MM-DD=WORKDAY（2000–2099 年的真实日期）(a real date and HOLIDAY | WORKDAY)`,
        );
        continue;
      }
      if (seen.has(date)) {
        problems.push(`${NAME}: ${city} 的日期 ${date} 重复 (duplicate date)`);
        continue;
      }
      seen.add(date);
      (m[2] === 'HOLIDAY' ? holidays : workdays).push(date);
    }
    out.set(city, {
      regionCode: city,
      basis: head[2]?.trim() || `${NAME}（${regionName(city) ?? city}）`,
      holidays,
      workdays,
    });
  }
  return out;
}

/** The prefecture (市州) a region code lies in: PPCC00 of a county or city code; null for a province code or a malformed one. */
export function cityOf(regionCode: string): string | null {
  if (!/^\d{6}$/.test(regionCode) || regionCode.endsWith('0000')) return null;
  return `${regionCode.slice(0, 4)}00`;
}

/** Working-day calendars per city: the national one with the city's overrides, built once. */
export class CityCalendars {
  private readonly byCity = new Map<string, WorkingCalendar>();

  constructor(overrides: CalendarOverrides) {
    for (const [city, o] of overrides) this.byCity.set(city, workingCalendar([o]));
  }

  /** The calendar of a case in `regionCode` (its city's, else the national calendar). */
  forRegion(regionCode: string): WorkingCalendar {
    const city = cityOf(regionCode);
    return (city && this.byCity.get(city)) || NATIONAL_CALENDAR;
  }
}
