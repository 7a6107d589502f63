import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { errorMessage } from '@hn/persistence';
import { EXCHANGE_CONFIG, ExchangeConfig } from '../config/exchange.config';
import { ManifestService } from './manifest.service';

/** Every `manifests.checkMs`: the final manifests of closed China dates (each replica; the first writer wins). */
@Injectable()
export class ManifestScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(ManifestScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly manifests: ManifestService,
    @Inject(EXCHANGE_CONFIG) private readonly config: ExchangeConfig,
  ) {}

  onApplicationBootstrap(): void {
    const tick = (): void => {
      if (this.running) return;
      this.running = this.manifests
        .closeDays()
        .then((made) => {
          if (made > 0) this.log.log(`made ${made} final manifest(s)`);
        })
        .catch((err) => this.log.warn(`closing manifest days failed: ${errorMessage(err)}`))
        .finally(() => (this.running = null));
    };
    tick();
    this.timer = setInterval(tick, this.config.manifests.checkMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
