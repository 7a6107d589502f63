import { regionOf } from '@hn/auth';
import { Injectable } from '@nestjs/common';
import { ReconciliationDifferenceEventV1, ReconciliationEvents, ReconciliationFiguresV1 } from '@hn/messages';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ComputedDifference, Figures } from './difference-computation';
import { DIFFERENCE_COLUMNS, DifferenceRow, rowToDifference } from './difference-row';

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
  constructor(private readonly dataSource: DataSource) {}

  persist(runId: string, differences: ComputedDifference[], regions: Map<string, string>): Promise<PersistOutcome> {
    return this.dataSource.transaction(async (m) => {
      const outcome: PersistOutcome = { created: 0, unchanged: 0, resolved: 0, foundIds: [] };
      for (const d of differences) {
        const [current] = (await m.query(
          `SELECT id, fingerprint FROM reconciliation_difference WHERE presale_number = $1 AND month = $2 AND state <> 'RESOLVED' FOR UPDATE`,
          [d.presaleNumber, d.month],
        )) as Array<{ id: string; fingerprint: string }>;
        if (current && current.fingerprint === d.fingerprint) {
          await m.query(
            `UPDATE reconciliation_difference SET last_run_id = $2, ours = $3::jsonb, market = $4::jsonb WHERE id = $1`,
            [current.id, runId, JSON.stringify(figures(d.ours)), JSON.stringify(figures(d.market))],
          );
          outcome.unchanged++;
          outcome.foundIds.push(current.id);
          continue;
        }
        if (current) outcome.resolved += await this.resolve(m, runId, `id = $2`, [current.id]);
        const id = randomUUID();
        const [row] = (await m.query(
          `INSERT INTO reconciliation_difference AS d (id, presale_number, month, region_code, count_delta, area_delta, amount_delta_fen, missing_on_ours, missing_on_market,
             mismatched, ours, market, fingerprint, run_id, last_run_id)
           VALUES ($1, $2, $3, $4, $5, $6::numeric / 100, $7, $8::text[], $9::text[], $10::text[], $11::jsonb, $12::jsonb, $13, $14, $14)
           RETURNING ${DIFFERENCE_COLUMNS}`,
          [
            id,
            d.presaleNumber,
            d.month,
            regions.get(d.presaleNumber) ?? regionOf(d.presaleNumber),
            d.countDelta,
            d.areaDeltaHundredths,
            d.amountDeltaFen,
            d.missingOnOurs,
            d.missingOnMarket,
            d.mismatched,
            JSON.stringify(figures(d.ours)),
            JSON.stringify(figures(d.market)),
            d.fingerprint,
            runId,
          ],
        )) as DifferenceRow[];
        await this.publish(m, ReconciliationEvents.differenceFound, row!);
        outcome.created++;
        outcome.foundIds.push(id);
      }
      outcome.resolved += await this.resolve(m, runId, `last_run_id <> $1`, []);
      return outcome;
    });
  }

  /** Closes current differences matching `condition` ($1 = run id) and publishes each. */
  private async resolve(m: EntityManager, runId: string, condition: string, params: unknown[]): Promise<number> {
    const [rows] = (await m.query(
      `UPDATE reconciliation_difference d SET state = 'RESOLVED', resolved_at = now(), resolved_run_id = $1 WHERE d.state <> 'RESOLVED' AND ${condition}
       RETURNING ${DIFFERENCE_COLUMNS}`,
      [runId, ...params],
    )) as [DifferenceRow[], number];
    for (const row of rows) await this.publish(m, ReconciliationEvents.differenceResolved, row);
    return rows.length;
  }

  private async publish(m: EntityManager, type: string, row: DifferenceRow): Promise<void> {
    await enqueueEvent<ReconciliationDifferenceEventV1>(m, {
      source: '/hn/contracts',
      type,
      subject: row.presale_number,
      data: { difference: rowToDifference(row) },
      correlationId: currentCorrelationId(),
    });
  }
}
