import { Injectable } from '@nestjs/common';
import { MetricsService } from '@hn/observability';
import { Counter } from 'prom-client';

/** Unified presale numbers issued (Y through the API, Z by backfill), counted after the commit. */
@Injectable()
export class PresaleIssuanceMetrics {
  private readonly issued: Counter<'letter' | 'sandbox'>;

  constructor(metrics: MetricsService) {
    this.issued = new Counter({
      name: 'presale_numbers_issued_total',
      help: 'Unified presale numbers issued (committed), by letter (Y, Z) and sandbox',
      labelNames: ['letter', 'sandbox'],
      registers: [metrics.registry],
    });
  }

  numberIssued(letter: 'Y' | 'Z', sandbox: boolean): void {
    this.issued.inc({ letter, sandbox: String(sandbox) });
  }
}
