import { regionOf } from '@hn/auth';
import { Injectable } from '@nestjs/common';
import { ReconciliationDifferenceEventV1, ReconciliationEvents, ReconciliationFiguresV1 } from '@hn/messages';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ComputedDifference, Figures } from './difference-computation';
import { DifferenceRow, rowToDifference } from './difference-row';
import { ReconciliationDifferenceRepository } from './reconciliation-difference.repository';

export interface PersistOutcome {
  created: number;
  unchanged: number;
  resolved: number;
  /** ids of the current differences this run found (new and unchanged) */
  foundIds: string[];
}

const figures = (f: Figures): ReconciliationFiguresV1 => ({
  contracts: f.contracts,
  floorArea: f.areaHundredths / 100,
  amountFen: f.amountFen,
});

/**
 * Stores a run's differences idempotently, in ONE transaction: a difference already current for
 * its (permit, month) with the same fingerprint is kept as it is (state, acknowledgement; no new
 * event); a changed one supersedes the old (old RESOLVED, new OPEN); current differences the run
 * no longer found are RESOLVED. Found and resolved differences are published through the outbox.
 */
@Injectable()
export class ReconciliationDifferenceStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly differences: ReconciliationDifferenceRepository,
  ) {}

  persist(runId: string, differences: ComputedDifference[], regions: Map<string, string>): Promise<PersistOutcome> {
    return this.dataSource.transaction(async (m) => {
      const outcome: PersistOutcome = { created: 0, unchanged: 0, resolved: 0, foundIds: [] };
      for (const d of differences) {
        const current = await this.differences.findCurrentForUpdate(m, d.presaleNumber, d.month);
        if (current && current.fingerprint === d.fingerprint) {
          await this.differences.markSeen(
            m,
            current.id,
            runId,
            JSON.stringify(figures(d.ours)),
            JSON.stringify(figures(d.market)),
          );
          outcome.unchanged++;
          outcome.foundIds.push(current.id);
          continue;
        }
        if (current)
          outcome.resolved += await this.publishResolved(m, await this.differences.resolveById(m, runId, current.id));
        const id = randomUUID();
        const row = await this.differences.insert(m, {
          id,
          presaleNumber: d.presaleNumber,
          month: d.month,
          regionCode: regions.get(d.presaleNumber) ?? regionOf(d.presaleNumber),
          countDelta: d.countDelta,
          areaDeltaHundredths: d.areaDeltaHundredths,
          amountDeltaFen: d.amountDeltaFen,
          missingOnOurs: d.missingOnOurs,
          missingOnMarket: d.missingOnMarket,
          mismatched: d.mismatched,
          ours: JSON.stringify(figures(d.ours)),
          market: JSON.stringify(figures(d.market)),
          fingerprint: d.fingerprint,
          runId,
        });
        await this.publish(m, ReconciliationEvents.differenceFound, row);
        outcome.created++;
        outcome.foundIds.push(id);
      }
      outcome.resolved += await this.publishResolved(m, await this.differences.resolveNotSeenIn(m, runId));
      return outcome;
    });
  }

  /** Publishes each closed difference; returns how many. */
  private async publishResolved(m: EntityManager, rows: DifferenceRow[]): Promise<number> {
    for (const row of rows) await this.publish(m, ReconciliationEvents.differenceResolved, row);
    return rows.length;
  }

  /** One difference event into the outbox of the caller's transaction (found, resolved, acknowledged). */
  async publish(m: EntityManager, type: string, row: DifferenceRow): Promise<void> {
    await enqueueEvent<ReconciliationDifferenceEventV1>(m, {
      source: '/hn/contracts',
      type,
      subject: row.presale_number,
      data: { difference: rowToDifference(row) },
      correlationId: currentCorrelationId(),
    });
  }
}
