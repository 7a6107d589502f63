import { Injectable } from '@nestjs/common';
import { MetricsService } from '@hn/observability';
import { Counter } from 'prom-client';

/** Unified contract filing numbers issued (committed; replays of a stored key are not counted). */
@Injectable()
export class ContractFilingMetrics {
  private readonly issued: Counter<'sandbox'>;

  constructor(metrics: MetricsService) {
    this.issued = new Counter({
      name: 'contract_filings_issued_total',
      help: 'Unified contract filing numbers issued (committed), by sandbox',
      labelNames: ['sandbox'],
      registers: [metrics.registry],
    });
  }

  filingIssued(sandbox: boolean): void {
    this.issued.inc({ sandbox: String(sandbox) });
  }
}
