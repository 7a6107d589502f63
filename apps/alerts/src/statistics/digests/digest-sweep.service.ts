import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { addDays, chinaDateOf } from '../../clock/china-date';
import { ALERTS_CLOCK, Clock } from '../../clock/clock';
import { ALERTS_CONFIG, AlertsConfig } from '../../config/alerts.config';
import { DigestService } from './digest.service';

/**
 * Every ALERTS_DIGEST_SWEEP_MS (default one hour, the first one interval after boot): the digests of the
 * China day that ended last (yesterday), if any region is still without one — so a day that ended while
 * the service was down is written within one interval. Idempotent, one replica at a time.
 */
@Injectable()
export class DigestSweepService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DigestSweepService.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly digests: DigestService,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
    @Inject(ALERTS_CONFIG) private readonly config: AlertsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(this.config.digestSweepMs);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const date = addDays(chinaDateOf(this.clock.now()), -1);
      this.digests
        .generate(date, false)
        .then((r) => r && r.created > 0 && this.logger.log(`digests of ${date}: ${r.created} written`))
        .catch((err: unknown) => this.logger.warn(`digests of ${date} failed: ${String(err)}`))
        .finally(() => this.schedule(this.config.digestSweepMs));
    }, delayMs);
    this.timer.unref();
  }
}
