import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { MetricsService } from '@hn/observability';
import { Gauge, Histogram } from 'prom-client';
import { OutboxRelay } from './outbox-relay';
import { runningConsumers } from './running-consumers';

const CONSUMER_INFO_TIMEOUT_MS = 1000;

/** Seconds from an outbox row's commit to its JetStream ack (relay lag), observed per published row. */
export function outboxLagObserver(metrics: MetricsService): (lagSeconds: number[]) => void {
  const histogram = new Histogram({
    name: 'outbox_publish_lag_seconds',
    help: 'Time from writing an outbox row to its JetStream ack',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
    registers: [metrics.registry],
  });
  return (lags) => {
    for (const lag of lags) histogram.observe(Math.max(0, lag));
  };
}

/**
 * Outbox backlog and consumer lag, read when Prometheus scrapes (a count query and a consumer-info
 * request per durable), so the figures are current without a timer of their own.
 */
@Injectable()
export class EventingMetrics implements OnModuleInit {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Optional() @Inject(MetricsService) private readonly metrics?: MetricsService,
  ) {}

  onModuleInit(): void {
    if (!this.metrics) return;
    const relay = this.relay;
    new Gauge({
      name: 'outbox_pending_events',
      help: 'Outbox rows not yet acknowledged by JetStream',
      registers: [this.metrics.registry],
      async collect() {
        this.set(await relay.pendingCount().catch(() => NaN));
      },
    });
    new Gauge({
      name: 'outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox row not yet acknowledged by JetStream (0 when none)',
      registers: [this.metrics.registry],
      async collect() {
        this.set((await relay.oldestPendingAgeMs().catch(() => NaN)) / 1000);
      },
    });
    new Gauge({
      name: 'jetstream_consumer_pending_messages',
      help: 'Messages of the stream not yet delivered to the durable consumer (consumer lag)',
      labelNames: ['stream', 'durable'],
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        await Promise.all(
          runningConsumers.list().map(async ({ stream, durable, natsConnection }) => {
            try {
              const jsm = await natsConnection.jetstreamManager({ timeout: CONSUMER_INFO_TIMEOUT_MS });
              const info = await jsm.consumers.info(stream, durable);
              this.set({ stream, durable }, info.num_pending + info.num_ack_pending);
            } catch {
              // NATS away: no sample (the nats_connection_up gauge says why)
            }
          }),
        );
      },
    });
  }
}
