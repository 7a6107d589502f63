import { Inject, Injectable } from '@nestjs/common';
import type { ApplicationClockV1, PauseRecordV1 } from '@hn/messages';
import { PERMITS_CLOCK, Clock } from '../../clock/permits-clock';
import { PERMITS_CONFIG, PermitsConfig } from '../../config/permits.config';
import type { PauseRow } from '../approval-clock.repository';
import type { TransitionRow } from '../approval.repository';
import { ReviewStage } from '../transition-table';
import { caseClock, CaseClock, StageSpan } from './approval-clock';
import { CityCalendars } from './calendar-overrides';

/** The stages a case reached, from its history: entered by SUBMIT or a PASS, left by the next change of stage. */
export function stageSpans(history: readonly TransitionRow[]): StageSpan[] {
  const spans: StageSpan[] = [];
  for (const t of history) {
    if (t.action === 'SUBMIT') {
      spans.push({ stage: 'ACCEPTANCE', start: new Date(t.at), end: null });
      continue;
    }
    if (t.from_stage === t.to_stage) continue;
    const current = spans[spans.length - 1];
    if (current) current.end = new Date(t.at);
    if (t.to_stage !== 'CLOSED') spans.push({ stage: t.to_stage as ReviewStage, start: new Date(t.at), end: null });
  }
  return spans;
}

export function toPauseV1(p: PauseRow): PauseRecordV1 {
  return {
    kind: p.kind,
    stage: p.stage,
    noticeNumber: p.notice_number,
    reason: p.reason,
    noticeDate: p.notice_date,
    startedAt: new Date(p.started_at).toISOString(),
    endedAt: p.ended_at ? new Date(p.ended_at).toISOString() : null,
    startedBy: p.started_by,
    endedBy: p.ended_by,
  };
}

/**
 * 时限 of a case as of the service clock, with the configured limits and the working-day calendar
 * of the case's city (the national one with PERMITS_CALENDAR_OVERRIDES of that city).
 */
@Injectable()
export class ApprovalClockService {
  private readonly calendars: CityCalendars;

  constructor(
    @Inject(PERMITS_CLOCK) private readonly clock: Clock,
    @Inject(PERMITS_CONFIG) private readonly config: PermitsConfig,
  ) {
    this.calendars = new CityCalendars(config.calendarOverrides);
  }

  now(): Date {
    return this.clock.now();
  }

  /** `regionCode`: the case's region; its city's calendar counts the days. */
  compute(
    regionCode: string,
    history: readonly TransitionRow[],
    pauses: readonly PauseRow[],
    now: Date = this.clock.now(),
  ): CaseClock {
    return caseClock(
      stageSpans(history),
      pauses.map((p) => ({ start: new Date(p.started_at), end: p.ended_at ? new Date(p.ended_at) : null })),
      this.config.stageLimits,
      now,
      this.calendars.forRegion(regionCode),
    );
  }

  view(
    regionCode: string,
    history: readonly TransitionRow[],
    pauses: readonly PauseRow[],
    now: Date = this.clock.now(),
  ): ApplicationClockV1 {
    const c = this.compute(regionCode, history, pauses, now);
    return {
      asOf: now.toISOString(),
      paused: c.paused,
      stages: c.stages.map((s) => ({
        ...s,
        enteredAt: s.enteredAt.toISOString(),
        leftAt: s.leftAt ? s.leftAt.toISOString() : null,
      })),
      total: c.total,
      pauses: pauses.map(toPauseV1),
    };
  }

  /** overdue=: the case's current stage, or the whole case, is red. */
  isOverdueView(c: ApplicationClockV1): boolean {
    const current = c.stages.find((s) => s.leftAt === null);
    return current?.level === 'RED' || c.total.level === 'RED';
  }
}
