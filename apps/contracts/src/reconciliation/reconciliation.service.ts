import { Injectable, Logger } from '@nestjs/common';
import { Principal, ReconciliationRunResultV1 } from '@hn/messages';
import { assertStaff } from '@hn/auth';
import { isInRegions } from '@hn/numbering';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { MarketPlatformSyncService, PullResult } from '../market-platform/market-platform-sync.service';
import { rowToDifference } from './difference-row';
import { ReconciliationDataLoader } from './reconciliation-data.loader';
import { ReconciliationDifferenceRepository } from './reconciliation-difference.repository';
import { ReconciliationDifferenceStore } from './reconciliation-difference.store';
import { ReconciliationRunRepository } from './reconciliation-run.repository';
import { ReconciliationErrors } from './reconciliation.exception';

const MAX_RETURNED = 1000;

export type RunTrigger = 'MANUAL' | 'SCHEDULED';

/**
 * A reconciliation run: pull the market platform's feed up to date (resumable), compare every
 * (presale permit, month), store the differences idempotently and publish them. Runs hold a
 * Postgres advisory lock on a dedicated connection for their whole duration.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sync: MarketPlatformSyncService,
    private readonly loader: ReconciliationDataLoader,
    private readonly store: ReconciliationDifferenceStore,
    private readonly runs: ReconciliationRunRepository,
    private readonly differences: ReconciliationDifferenceRepository,
  ) {}

  /** On demand (rpc.contracts.reconciliation.run.v1): 409 while another run holds the lock. */
  async runOnDemand(principal: Principal): Promise<ReconciliationRunResultV1> {
    assertStaff(principal);
    const result = await this.withLock((runner) => this.run(runner, 'MANUAL', principal.id));
    if (!result) throw ReconciliationErrors.inProgress();
    const differences = result.differences.filter((d) => isInRegions(principal.regions, d.regionCode));
    return {
      ...result,
      differences: differences.slice(0, MAX_RETURNED),
      differencesTruncated: differences.length > MAX_RETURNED,
    };
  }

  /**
   * Scheduled: skipped when another replica holds the lock or finished a run less than
   * `minSpacingMs` ago (so N replicas ticking on the same interval run it once, not N times).
   */
  async runScheduled(minSpacingMs: number): Promise<ReconciliationRunResultV1 | null> {
    return this.withLock(async (runner) => {
      const recent = await this.runs.succeededWithin(runner, minSpacingMs);
      return recent ? null : this.run(runner, 'SCHEDULED', 'scheduler');
    });
  }

  private async withLock<T>(fn: (runner: QueryRunner) => Promise<T | null>): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const locked = await this.runs.tryLock(runner);
      if (!locked) return null;
      try {
        return await fn(runner);
      } finally {
        await this.runs.unlock(runner).catch(() => undefined);
      }
    } finally {
      await runner.release();
    }
  }

  private async run(runner: QueryRunner, trigger: RunTrigger, startedBy: string): Promise<ReconciliationRunResultV1> {
    const runId = randomUUID();
    const startedAt = await this.runs.start(runner, runId, trigger, startedBy);
    let pulled: PullResult;
    try {
      pulled = await this.sync.pull();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      await this.finish(runner, runId, 'FAILED', null, reason);
      this.logger.warn(`比对未进行：市场监管平台数据获取失败 (run ${runId} failed): ${reason}`);
      throw ReconciliationErrors.marketUnavailable(reason);
    }
    try {
      const comparison = await this.loader.compareAll();
      const stored = await this.store.persist(runId, comparison.differences, comparison.regions);
      const summary = {
        pulled: { pages: pulled.pages, items: pulled.items, badItems: pulled.badItems },
        comparedGroups: comparison.groups,
        newDifferences: stored.created,
        unchangedDifferences: stored.unchanged,
        resolvedDifferences: stored.resolved,
      };
      const finishedAt = await this.finish(runner, runId, 'SUCCEEDED', summary, null);
      const rows = await this.differences.findByIds(runner, stored.foundIds);
      this.logger.log(
        `比对完成 (run ${runId}): ${comparison.groups} 组, 新差异 ${stored.created}, 未变 ${stored.unchanged}, 已消除 ${stored.resolved}`,
      );
      return {
        runId,
        startedAt: new Date(startedAt).toISOString(),
        finishedAt,
        ...summary,
        differences: rows.map(rowToDifference),
        differencesTruncated: false,
      };
    } catch (err) {
      await this.finish(runner, runId, 'FAILED', null, err instanceof Error ? err.message : String(err)).catch(
        () => undefined,
      );
      throw err;
    }
  }

  private async finish(
    runner: QueryRunner,
    runId: string,
    status: 'SUCCEEDED' | 'FAILED',
    summary: object | null,
    error: string | null,
  ): Promise<string> {
    return new Date(await this.runs.finish(runner, runId, status, summary, error)).toISOString();
  }
}
