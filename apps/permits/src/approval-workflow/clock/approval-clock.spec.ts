import { addWorkingDays, workingDaysBetween } from '@hn/numbering';
import type { TransitionRow } from '../approval.repository';
import { caseClock, countWorkingDays, levelOf } from './approval-clock';
import { stageSpans } from './approval-clock.service';
import { DEFAULT_STAGE_LIMITS } from './stage-limits';

/** An instant given in China time (UTC+8). */
const cn = (local: string): Date => new Date(Date.parse(`${local}:00Z`) - 8 * 3600_000);

describe('approval clock arithmetic (working days, China dates)', () => {
  it('counts the working days after the start date up to and including today, whatever the hour', () => {
    const span = { start: cn('2025-09-22T17:59'), end: null };
    expect(countWorkingDays(span, [], cn('2025-09-22T23:59'))).toEqual({ elapsedDays: 0, pausedDays: 0 });
    expect(countWorkingDays(span, [], cn('2025-09-23T00:01'))).toEqual({ elapsedDays: 1, pausedDays: 0 });
    expect(countWorkingDays(span, [], cn('2025-09-24T09:00'))).toEqual({ elapsedDays: 2, pausedDays: 0 });
    // 08:00 China time on the 24th is still the 24th though it is the 23rd in UTC
    expect(countWorkingDays(span, [], new Date('2025-09-24T00:00:00Z'))).toEqual({ elapsedDays: 2, pausedDays: 0 });
  });

  it('skips 国庆节 2025 and counts its 调休 make-up days (Sun 09-28, Sat 10-11)', () => {
    expect(countWorkingDays({ start: cn('2025-09-26T10:00'), end: null }, [], cn('2025-09-28T10:00'))).toEqual({
      elapsedDays: 1,
      pausedDays: 0,
    });
    const span = { start: cn('2025-09-30T10:00'), end: null };
    expect(countWorkingDays(span, [], cn('2025-10-08T18:00')).elapsedDays).toBe(0);
    expect(countWorkingDays(span, [], cn('2025-10-09T09:00')).elapsedDays).toBe(1);
    expect(countWorkingDays(span, [], cn('2025-10-11T09:00')).elapsedDays).toBe(3);
    // the same as the calendar's own count when nothing is paused
    expect(countWorkingDays(span, [], cn('2025-10-20T09:00')).elapsedDays).toBe(
      workingDaysBetween('2025-09-30', '2025-10-20'),
    );
  });

  it('does not count a pause: the days after its start up to and including its resumption', () => {
    const span = { start: cn('2025-09-15T09:00'), end: null };
    const pause = { start: cn('2025-09-16T15:00'), end: cn('2025-09-18T10:00') };
    // working days 16, 17, 18, 19, 22: 17 and 18 are paused
    expect(countWorkingDays(span, [pause], cn('2025-09-22T09:00'))).toEqual({ elapsedDays: 3, pausedDays: 2 });
    // still running: everything after the 16th is paused
    expect(countWorkingDays(span, [{ start: pause.start, end: null }], cn('2025-09-22T09:00'))).toEqual({
      elapsedDays: 1,
      pausedDays: 4,
    });
    // a pause over a holiday takes only the working days in it: 10-09 and 10-10 (elapsed: 09-30, Sat 10-11, 10-13)
    const overHoliday = { start: cn('2025-09-30T09:00'), end: cn('2025-10-10T09:00') };
    expect(
      countWorkingDays({ start: cn('2025-09-29T09:00'), end: null }, [overHoliday], cn('2025-10-13T09:00')),
    ).toEqual({ elapsedDays: 3, pausedDays: 2 });
  });

  it('is yellow from 90 % and red from 100 % of the committed limit', () => {
    expect(levelOf(0, 1)).toBe('GREEN');
    expect(levelOf(1, 1)).toBe('RED');
    expect(levelOf(8, 10)).toBe('GREEN');
    expect(levelOf(9, 10)).toBe('YELLOW');
    expect(levelOf(10, 10)).toBe('RED');
    expect(levelOf(12, 10)).toBe('RED');
    expect(levelOf(1, 2)).toBe('GREEN');
    expect(levelOf(18, 20)).toBe('YELLOW');
    expect(levelOf(17, 20)).toBe('GREEN');
  });

  it('gives each stage reached its figures, the due date across 春节 2025, and the whole case', () => {
    const stages = [
      { stage: 'ACCEPTANCE' as const, start: cn('2025-01-20T09:00'), end: cn('2025-01-21T09:00') },
      { stage: 'PRELIMINARY_REVIEW' as const, start: cn('2025-01-21T09:00'), end: null },
    ];
    const c = caseClock(stages, [], DEFAULT_STAGE_LIMITS, cn('2025-01-24T12:00'));
    expect(c.stages[0]).toMatchObject({ elapsedDays: 1, committedDays: 1, level: 'RED', leftAt: stages[0]!.end });
    expect(c.stages[1]).toMatchObject({ elapsedDays: 3, committedDays: 2, level: 'RED', percent: 150, dueDate: null });
    expect(c.total).toMatchObject({ elapsedDays: 4, committedDays: 9, statutoryDays: 20, level: 'GREEN' });
    expect(c.paused).toBe(false);
    // entered on Friday 01-24: Sat off, Sun 01-26 is a make-up workday, Mon 01-27 the second day
    const fresh = caseClock(
      [{ stage: 'PRELIMINARY_REVIEW', start: cn('2025-01-24T09:00'), end: null }],
      [],
      DEFAULT_STAGE_LIMITS,
      cn('2025-01-24T12:00'),
    );
    expect(fresh.stages[0]).toMatchObject({ elapsedDays: 0, level: 'GREEN', dueDate: '2025-01-27' });
    expect(addWorkingDays('2025-01-27', 1)).toBe('2025-02-05'); // then 春节 01-28..02-04
    // while paused there is no due date
    const paused = caseClock(
      [{ stage: 'PRELIMINARY_REVIEW', start: cn('2025-01-24T09:00'), end: null }],
      [{ start: cn('2025-01-24T11:00'), end: null }],
      DEFAULT_STAGE_LIMITS,
      cn('2025-02-10T12:00'),
    );
    expect(paused).toMatchObject({ paused: true, stages: [{ elapsedDays: 0, dueDate: null, level: 'GREEN' }] });
  });

  it('reads the stages from the history: SUBMIT enters 受理, a change of stage leaves one and enters the next', () => {
    const t = (action: string, from: string, to: string, at: string): TransitionRow =>
      ({ action, from_stage: from, to_stage: to, at: cn(at) }) as unknown as TransitionRow;
    const spans = stageSpans([
      t('SUBMIT', 'ACCEPTANCE', 'ACCEPTANCE', '2025-09-01T09:00'),
      t('PASS', 'ACCEPTANCE', 'PRELIMINARY_REVIEW', '2025-09-02T09:00'),
      t('RETURN_FOR_CORRECTION', 'PRELIMINARY_REVIEW', 'PRELIMINARY_REVIEW', '2025-09-03T09:00'),
      t('RESUBMIT', 'PRELIMINARY_REVIEW', 'PRELIMINARY_REVIEW', '2025-09-05T09:00'),
      t('REJECT', 'PRELIMINARY_REVIEW', 'CLOSED', '2025-09-08T09:00'),
    ]);
    expect(spans).toEqual([
      { stage: 'ACCEPTANCE', start: cn('2025-09-01T09:00'), end: cn('2025-09-02T09:00') },
      { stage: 'PRELIMINARY_REVIEW', start: cn('2025-09-02T09:00'), end: cn('2025-09-08T09:00') },
    ]);
  });
});
