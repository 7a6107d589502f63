import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one process; names are shared with the Grafana dashboard in deploy/. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly rpcRequests = new Counter({
    name: 'rpc_requests_total',
    help: 'NATS request/reply handled, by subject and outcome',
    labelNames: ['subject', 'outcome'],
    registers: [this.registry],
  });
  readonly outboxPending = new Gauge({
    name: 'outbox_pending_events',
    help: 'Outbox rows not yet acknowledged by JetStream',
    labelNames: ['service'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  async render(): Promise<string> {
    return this.registry.metrics();
  }
}
