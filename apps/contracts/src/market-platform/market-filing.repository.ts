import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ValidMarketFiling } from './market-filing-item';

export const MARKET_SOURCE = 'market-platform';

export interface BadMarketItem {
  sourceId: string | null;
  raw: unknown;
  problems: string[];
}

/**
 * market_filing, market_bad_item and the feed cursor (market_sync_state). Every method runs on the
 * caller's manager, so a page, its bad items and the advanced cursor commit together.
 */
@Injectable()
export class MarketFilingRepository {
  /** Upserts valid items by the platform's id (the last occurrence in a page wins). */
  async upsertMarketFilings(manager: EntityManager, items: ValidMarketFiling[]): Promise<void> {
    if (items.length === 0) return;
    const unique = [...new Map(items.map((i) => [i.id, i])).values()];
    await manager.query(
      `INSERT INTO market_filing AS m (id, contract_number, local_contract_no, presale_number, month, filing_date, floor_area, amount_fen, status, pulled_at)
       SELECT x.id, x."contractNumber", x."localContractNo", x."presaleNumber", x.month, x."filingDate"::date, x."floorAreaHundredths"::numeric / 100, x."amountFen", x.status, now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id text, "contractNumber" text, "localContractNo" text, "presaleNumber" text, month text, "filingDate" text,
                                            "floorAreaHundredths" bigint, "amountFen" bigint, status text)
       ON CONFLICT (id) DO UPDATE SET contract_number = EXCLUDED.contract_number, local_contract_no = EXCLUDED.local_contract_no, presale_number = EXCLUDED.presale_number,
         month = EXCLUDED.month, filing_date = EXCLUDED.filing_date, floor_area = EXCLUDED.floor_area, amount_fen = EXCLUDED.amount_fen, status = EXCLUDED.status, pulled_at = now()`,
      [JSON.stringify(unique)],
    );
  }

  async recordBadItems(manager: EntityManager, items: BadMarketItem[], pageCursor: string | null): Promise<void> {
    if (items.length === 0) return;
    await manager.query(
      `INSERT INTO market_bad_item (source_id, raw, problems, page_cursor)
       SELECT x."sourceId", x.raw, ARRAY(SELECT jsonb_array_elements_text(x.problems)), $2 FROM jsonb_to_recordset($1::jsonb) AS x("sourceId" text, raw jsonb, problems jsonb)`,
      [
        JSON.stringify(items.map((i) => ({ sourceId: i.sourceId, raw: i.raw ?? null, problems: i.problems }))),
        pageCursor,
      ],
    );
  }

  /** The stored cursor (null: from the beginning); creates the state row on first use. */
  async loadCursor(manager: EntityManager): Promise<string | null> {
    await manager.query(`INSERT INTO market_sync_state (source) VALUES ($1) ON CONFLICT (source) DO NOTHING`, [
      MARKET_SOURCE,
    ]);
    const rows: Array<{ cursor: string | null }> = await manager.query(
      `SELECT cursor FROM market_sync_state WHERE source = $1`,
      [MARKET_SOURCE],
    );
    return rows[0]?.cursor ?? null;
  }

  /**
   * Advances the cursor from `from` to `to` with the page's counts; false when the stored cursor is
   * no longer `from` (another puller moved it), so the caller's transaction must roll back.
   */
  async advanceCursor(
    manager: EntityManager,
    from: string | null,
    to: string | null,
    items: number,
    bad: number,
  ): Promise<boolean> {
    const result = (await manager.query(
      `UPDATE market_sync_state SET cursor = $3, pages_pulled = pages_pulled + 1, items_pulled = items_pulled + $4, bad_items = bad_items + $5, updated_at = now()
       WHERE source = $1 AND cursor IS NOT DISTINCT FROM $2`,
      [MARKET_SOURCE, from, to, items, bad],
    )) as [unknown[], number];
    return result[1] === 1;
  }

  async recordSyncOutcome(manager: EntityManager, error: string | null): Promise<void> {
    await manager.query(
      error === null
        ? `UPDATE market_sync_state SET last_success_at = now(), last_error = NULL, updated_at = now() WHERE source = $1`
        : `UPDATE market_sync_state SET last_error = $2, last_error_at = now(), updated_at = now() WHERE source = $1`,
      error === null ? [MARKET_SOURCE] : [MARKET_SOURCE, error.slice(0, 1000)],
    );
  }
}
