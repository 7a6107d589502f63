import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertEvaluator, EvaluationOutcome } from '../alerts/alert-evaluator.service';
import { AlertFactsRepository } from '../alerts/alert-facts.repository';
import { chinaDateOf, nextChinaTime } from '../clock/china-date';
import { ALERTS_CLOCK, Clock } from '../clock/clock';
import { ALERTS_CONFIG, AlertsConfig } from '../config/alerts.config';
import { noKeys } from '../read-model/read-model.projector';
import { SweepRepository } from './sweep.repository';

const BATCH = 500;
/** the first run after boot catches up on days the service was down */
const STARTUP_DELAY_MS = 3000;

/**
 * Dates move without events: once a day at ALERTS_SWEEP_TIME (00:10 China time) and once after boot,
 * every date-dependent subject is evaluated again (a planned completion date that passed, an escrow
 * grace period that ran out). One replica runs it at a time (advisory lock); batches of 500 subjects
 * per transaction.
 */
@Injectable()
export class DailySweepService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DailySweepService.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: AlertFactsRepository,
    private readonly sweeps: SweepRepository,
    private readonly evaluator: AlertEvaluator,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(STARTUP_DELAY_MS);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Evaluates every date-dependent subject as of the clock's now; null when another replica is running it. */
  async run(): Promise<EvaluationOutcome | null> {
    const now = this.clock.now();
    return this.sweeps.exclusively(async () => {
      const subjects = await this.facts.dateDependentSubjects(this.dataSource.manager, chinaDateOf(now));
      const total: EvaluationOutcome = { raised: 0, cleared: 0 };
      const batches: Array<ReturnType<typeof noKeys>> = [];
      for (let i = 0; i < subjects.permits.length; i += BATCH)
        batches.push({ ...noKeys(), permits: new Set(subjects.permits.slice(i, i + BATCH)) });
      for (let i = 0; i < subjects.presales.length; i += BATCH)
        batches.push({ ...noKeys(), presales: new Set(subjects.presales.slice(i, i + BATCH)) });
      for (const keys of batches) {
        if (this.stopped) break;
        const outcome = await this.dataSource.transaction((m) =>
          this.evaluator.evaluate(m, keys, { cause: { kind: 'RULE', note: 'daily date check' }, at: now, now }),
        );
        total.raised += outcome.raised;
        total.cleared += outcome.cleared;
      }
      return total;
    });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.run()
        .then((o) => o && this.logger.log(`daily date check: ${o.raised} raised, ${o.cleared} cleared`))
        .catch((err: unknown) => this.logger.warn(`daily date check failed: ${String(err)}`))
        .finally(() => {
          const { hour, minute } = this.config.sweepTime;
          const now = this.clock.now();
          this.schedule(Math.max(1000, nextChinaTime(now, hour, minute).getTime() - now.getTime()));
        });
    }, delayMs);
    this.timer.unref();
  }
}
