import type { ClockFiguresV1, ClockLevel } from '@hn/messages';
import { addWorkingDays, workingCalendar, WorkingCalendar } from '@hn/numbering';
import { REVIEW_STAGES, ReviewStage } from '../transition-table';
import { StageLimits } from './stage-limits';

/** China date (UTC+8) of an instant. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A span of time on the case: [start, end), end null while it lasts. */
export interface Span {
  start: Date;
  end: Date | null;
}

export interface StageSpan extends Span {
  stage: ReviewStage;
}

export interface DayCount {
  elapsedDays: number;
  pausedDays: number;
}

const DAY_MS = 86_400_000;
const epochDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Working days a span has used by `now`: the working days after the start date up to and including
 * the end date (期限从次日起算; a day is a date, never 24 hours), without the working days inside a
 * pause — a pause from date P to date R takes the days after P up to and including R (the clock
 * runs again from the day after the resumption, as from the day after receipt).
 */
export function countWorkingDays(
  span: Span,
  pauses: readonly Span[],
  now: Date,
  calendar: WorkingCalendar = NATIONAL_CALENDAR,
): DayCount {
  const from = epochDay(chinaDateOf(span.start));
  const to = epochDay(chinaDateOf(span.end ?? now));
  const paused = pauses.map((p) => [epochDay(chinaDateOf(p.start)), epochDay(chinaDateOf(p.end ?? now))] as const);
  let elapsedDays = 0;
  let pausedDays = 0;
  for (let d = from + 1; d <= to; d++) {
    if (!calendar.isWorkingDay(dateOf(d))) continue;
    if (paused.some(([p, r]) => d > p && d <= r)) pausedDays++;
    else elapsedDays++;
  }
  return { elapsedDays, pausedDays };
}

export const NATIONAL_CALENDAR = workingCalendar();

/** 绿 below 90 % of the committed limit, 黄 from 90 %, 红 from 100 % (the limit used up). */
export function levelOf(elapsedDays: number, committedDays: number): ClockLevel {
  if (elapsedDays >= committedDays) return 'RED';
  return elapsedDays * 10 >= committedDays * 9 ? 'YELLOW' : 'GREEN';
}

export function figures(count: DayCount, statutoryDays: number, committedDays: number): ClockFiguresV1 {
  return {
    statutoryDays,
    committedDays,
    elapsedDays: count.elapsedDays,
    pausedDays: count.pausedDays,
    percent: Math.round((count.elapsedDays * 100) / committedDays),
    level: levelOf(count.elapsedDays, committedDays),
    statutoryExceeded: count.elapsedDays >= statutoryDays,
  };
}

export interface StageClock extends ClockFiguresV1 {
  stage: ReviewStage;
  enteredAt: Date;
  leftAt: Date | null;
  dueDate: string | null;
}

export interface CaseClock {
  stages: StageClock[];
  total: ClockFiguresV1;
  paused: boolean;
}

/**
 * The clocks of a case: each stage reached (its span, its limits) and the whole case from
 * submission to its end (or now), paused spans not counted. The due date of a running, unpaused
 * stage is the date its committed limit is used up if nothing pauses it.
 */
export function caseClock(
  stages: readonly StageSpan[],
  pauses: readonly Span[],
  limits: StageLimits,
  now: Date,
  calendar: WorkingCalendar = NATIONAL_CALENDAR,
): CaseClock {
  const paused = pauses.some((p) => p.end === null);
  const clocks = stages.map((s): StageClock => {
    const limit = limits[s.stage];
    const count = countWorkingDays(s, pauses, now, calendar);
    const f = figures(count, limit.statutoryDays, limit.committedDays);
    const remaining = limit.committedDays - count.elapsedDays;
    const dueDate =
      s.end === null && !paused && remaining >= 0 ? addWorkingDays(chinaDateOf(now), remaining, calendar) : null;
    return { ...f, stage: s.stage, enteredAt: s.start, leftAt: s.end, dueDate };
  });
  const first = stages[0];
  const last = stages[stages.length - 1];
  const total = first
    ? countWorkingDays({ start: first.start, end: last!.end }, pauses, now, calendar)
    : { elapsedDays: 0, pausedDays: 0 };
  const sum = (k: 'statutoryDays' | 'committedDays'): number => REVIEW_STAGES.reduce((n, s) => n + limits[s][k], 0);
  return { stages: clocks, total: figures(total, sum('statutoryDays'), sum('committedDays')), paused };
}
