import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DomainException } from '@hn/errors';
import { RECONCILIATION_CONFIG, ReconciliationConfig } from './reconciliation.config';
import { ReconciliationService } from './reconciliation.service';

/**
 * Runs the reconciliation every RECONCILIATION_INTERVAL_MS (0 = off). Every replica ticks; the
 * advisory lock and the spacing check in ReconciliationService.runScheduled let only one run.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReconciliationScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly reconciliation: ReconciliationService,
    @Inject(RECONCILIATION_CONFIG) private readonly config: ReconciliationConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.intervalMs;
    if (interval <= 0) return;
    this.timer = setInterval(() => void this.tick(), interval);
    this.timer.unref();
    this.logger.log(`定时比对已启用，每 ${interval} ms 一次 (scheduled reconciliation every ${interval} ms)`);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight;
  }

  /** One scheduled attempt; never overlaps itself on this replica. */
  tick(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = this.reconciliation
      .runScheduled(Math.floor(this.config.intervalMs * 0.8))
      .then(
        () => undefined,
        (err: unknown) => {
          const message =
            err instanceof DomainException ? err.problem.detail : err instanceof Error ? err.message : String(err);
          this.logger.warn(`定时比对失败，下次再试 (scheduled reconciliation failed): ${message}`);
        },
      )
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }
}
