import { Injectable } from '@nestjs/common';
import { MetricsService } from '@hn/observability';
import { Counter, Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';

/** Delivery attempts by outcome, their latency, and deliveries by state (counted when Prometheus scrapes). */
@Injectable()
export class ExchangeMetrics {
  private readonly attempts: Counter<'outcome'>;
  private readonly latency: Histogram;

  constructor(metrics: MetricsService, dataSource: DataSource) {
    this.attempts = new Counter({
      name: 'exchange_delivery_attempts_total',
      help: 'Webhook delivery attempts by outcome (delivered, retry, disable, dead)',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    for (const outcome of ['delivered', 'retry', 'disable', 'dead']) this.attempts.inc({ outcome }, 0);
    this.latency = new Histogram({
      name: 'exchange_delivery_attempt_duration_seconds',
      help: 'Duration of one webhook POST',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'exchange_deliveries',
      help: 'Deliveries by state (PENDING, DEAD)',
      labelNames: ['state'],
      registers: [metrics.registry],
      async collect(): Promise<void> {
        const rows: Array<{ state: string; n: number }> | null = await dataSource
          .query(`SELECT state, count(*)::int AS n FROM exchange_delivery WHERE state <> 'DELIVERED' GROUP BY state`)
          .catch(() => null);
        if (!rows) return;
        for (const state of ['PENDING', 'DEAD']) this.set({ state }, rows.find((r) => r.state === state)?.n ?? 0);
      },
    });
  }

  attempted(outcome: string, latencyMs: number): void {
    this.attempts.inc({ outcome });
    this.latency.observe(latencyMs / 1000);
  }
}
