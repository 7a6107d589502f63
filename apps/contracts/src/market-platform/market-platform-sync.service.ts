import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RECONCILIATION_CONFIG, ReconciliationConfig } from '../reconciliation/reconciliation.config';
import { MarketPlatformClient } from './market-platform.client';
import { MarketPlatformError } from './market-platform.error';
import { validateMarketItem, ValidMarketFiling } from './market-filing-item';
import { BadMarketItem, MarketFilingRepository } from './market-filing.repository';

/** Safety stop of one pull; the next pull resumes from the stored cursor. */
const MAX_PAGES_PER_PULL = 100_000;

export interface PullResult {
  pages: number;
  items: number;
  badItems: number;
  cursor: string | null;
}

/**
 * Pulls the market platform's filing feed into market_filing, resumable: each page is stored
 * together with the advanced cursor (market_sync_state) in one transaction, so after a failure
 * the next pull continues after the last stored page. Invalid items go to market_bad_item.
 */
@Injectable()
export class MarketPlatformSyncService {
  private readonly logger = new Logger(MarketPlatformSyncService.name);
  private readonly client: MarketPlatformClient | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly marketFilings: MarketFilingRepository,
    @Inject(RECONCILIATION_CONFIG) private readonly config: ReconciliationConfig,
  ) {
    const mp = config.marketPlatform;
    this.client =
      mp.url && mp.apiKey
        ? new MarketPlatformClient({
            baseUrl: mp.url,
            apiKey: mp.apiKey,
            requestTimeoutMs: mp.requestTimeoutMs,
            maxAttempts: mp.maxAttempts,
            retryBaseMs: mp.retryBaseMs,
            retryMaxMs: mp.retryMaxMs,
            onRetry: ({ attempt, delayMs, error }) =>
              this.logger.warn(`市场监管平台第 ${attempt} 次失败，${delayMs} ms 后重试 (retrying): ${error.message}`),
          })
        : null;
  }

  get configured(): boolean {
    return this.client !== null;
  }

  async pull(): Promise<PullResult> {
    const client = this.client;
    if (!client) throw new MarketPlatformError('未配置市场监管平台地址 (MARKET_PLATFORM_URL not configured)', false);
    let cursor = await this.marketFilings.loadCursor(this.dataSource.manager);
    const result: PullResult = { pages: 0, items: 0, badItems: 0, cursor };
    try {
      while (result.pages < MAX_PAGES_PER_PULL) {
        const page = await client.fetchPage(cursor, this.config.marketPlatform.pageSize);
        const valid: ValidMarketFiling[] = [];
        const bad: BadMarketItem[] = [];
        for (const raw of page.items) {
          const check = validateMarketItem(raw);
          if (check.ok) valid.push(check.value);
          else bad.push({ sourceId: check.sourceId, raw, problems: check.problems });
        }
        const next = page.nextCursor ?? cursor;
        if (page.items.length > 0 && page.hasMore !== false && page.nextCursor !== null && next === cursor) {
          throw new MarketPlatformError('市场监管平台游标未前进 (cursor did not advance)', false);
        }
        await this.dataSource.transaction(async (m) => {
          await this.marketFilings.upsertMarketFilings(m, valid);
          await this.marketFilings.recordBadItems(m, bad, cursor);
          if (!(await this.marketFilings.advanceCursor(m, cursor, next, valid.length, bad.length))) {
            throw new MarketPlatformError('游标已被另一次同步推进 (cursor moved by another pull)', false);
          }
        });
        if (bad.length > 0)
          this.logger.warn(`市场监管平台数据有 ${bad.length} 条无效记录，已登记 (bad items recorded)`);
        result.pages++;
        result.items += valid.length;
        result.badItems += bad.length;
        result.cursor = cursor = next;
        if (page.items.length === 0 || page.nextCursor === null || page.hasMore === false) break;
      }
      await this.marketFilings.recordSyncOutcome(this.dataSource.manager, null);
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.marketFilings.recordSyncOutcome(this.dataSource.manager, message).catch(() => undefined);
      throw err;
    }
  }
}
