import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** How a request ended: answered, refused for a business reason (4xx), or failed (5xx). */
export type RequestOutcome = 'ok' | 'rejected' | 'failed';

export function outcomeOfStatus(status: number): RequestOutcome {
  if (status >= 500) return 'failed';
  return status >= 400 ? 'rejected' : 'ok';
}

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Prometheus metrics of one process. The names are what the dashboards and alert rules in
 * deploy/ query (a test checks that every queried metric is exported by its service). Prometheus
 * adds the `service` label from the scrape target, so no metric carries it itself.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and outcome (rejected = 4xx, failed = 5xx)',
    labelNames: ['method', 'route', 'status_code', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly rpcRequests = new Counter({
    name: 'rpc_requests_total',
    help: 'NATS request/reply handled, by subject and outcome (rejected = business 4xx, failed = 5xx)',
    labelNames: ['subject', 'outcome'],
    registers: [this.registry],
  });
  readonly rpcDuration = new Histogram({
    name: 'rpc_request_duration_seconds',
    help: 'NATS request/reply handling time, by subject and outcome',
    labelNames: ['subject', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly natsConnectionUp = new Gauge({
    name: 'nats_connection_up',
    help: 'NATS connection state per connection of the process (1 connected, 0 disconnected or reconnecting)',
    labelNames: ['connection'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Observes one HTTP exchange (the route template, never the raw URL, keeps the label set small). */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe(
      { method, route, status_code: String(status), outcome: outcomeOfStatus(status) },
      seconds,
    );
  }

  observeRpc(subject: string, outcome: RequestOutcome, seconds: number): void {
    this.rpcRequests.inc({ subject, outcome });
    this.rpcDuration.observe({ subject, outcome }, seconds);
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }
}
