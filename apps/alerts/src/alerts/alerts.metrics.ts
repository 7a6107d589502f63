import { Injectable } from '@nestjs/common';
import { ALERT_TYPES } from '@hn/messages';
import { MetricsService } from '@hn/observability';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { AlertsRepository } from './alerts.repository';

/** Open alerts (OPEN and FOLLOWING) by type, counted from the database when Prometheus scrapes. */
@Injectable()
export class AlertsMetrics {
  constructor(metrics: MetricsService, dataSource: DataSource, alerts: AlertsRepository) {
    new Gauge({
      name: 'alerts_open',
      help: 'Open alerts (OPEN, FOLLOWING) by type',
      labelNames: ['type'],
      registers: [metrics.registry],
      async collect(): Promise<void> {
        // a database outage keeps the last values rather than failing the whole scrape
        const counts = await alerts.countOpenByType(dataSource.manager).catch(() => null);
        if (!counts) return;
        for (const type of ALERT_TYPES) this.set({ type }, counts.get(type) ?? 0);
      },
    });
  }
}
