import { Injectable } from '@nestjs/common';
import { QueryRunner } from 'typeorm';

/** Session advisory lock: one run at a time across all replicas of the contracts service. */
const RUN_LOCK_SQL = `hashtext('contracts:reconciliation')`;

/**
 * reconciliation_run and the run lock. Every method runs on the run's dedicated connection (the
 * session lock is held by that connection for the whole run).
 */
@Injectable()
export class ReconciliationRunRepository {
  async tryLock(runner: QueryRunner): Promise<boolean> {
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(${RUN_LOCK_SQL}) AS locked`)) as Array<{
      locked: boolean;
    }>;
    return locked;
  }

  async unlock(runner: QueryRunner): Promise<void> {
    await runner.query(`SELECT pg_advisory_unlock(${RUN_LOCK_SQL})`);
  }

  /** Whether a run succeeded less than `minSpacingMs` ago. */
  async succeededWithin(runner: QueryRunner, minSpacingMs: number): Promise<boolean> {
    const [recent] = (await runner.query(
      `SELECT 1 AS recent FROM reconciliation_run WHERE status = 'SUCCEEDED' AND finished_at > now() - make_interval(secs => $1::float8 / 1000) LIMIT 1`,
      [minSpacingMs],
    )) as Array<{ recent: number }>;
    return recent !== undefined;
  }

  /** Records a started run; returns its start time. */
  async start(runner: QueryRunner, runId: string, trigger: string, startedBy: string): Promise<Date> {
    const [{ started_at: startedAt }] = (await runner.query(
      `INSERT INTO reconciliation_run (id, trigger, started_by) VALUES ($1, $2, $3) RETURNING started_at`,
      [runId, trigger, startedBy],
    )) as Array<{ started_at: Date }>;
    return startedAt;
  }

  /** Records the outcome; returns the finish time. */
  async finish(
    runner: QueryRunner,
    runId: string,
    status: 'SUCCEEDED' | 'FAILED',
    summary: object | null,
    error: string | null,
  ): Promise<Date> {
    const [rows] = (await runner.query(
      `UPDATE reconciliation_run SET status = $2, finished_at = now(), summary = $3::jsonb, error = $4 WHERE id = $1 RETURNING finished_at`,
      [runId, status, summary === null ? null : JSON.stringify(summary), error === null ? null : error.slice(0, 2000)],
    )) as [Array<{ finished_at: Date }>, number];
    return rows[0]!.finished_at;
  }
}
