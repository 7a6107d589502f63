import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Statements of the transparency log (log_head, log_entry); index and entry in the issuing transaction. */
@Injectable()
export class TransparencyLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The next index from log_head: the row stays locked until the caller's commit, so the log has no gaps. */
  async reserveIndex(manager: EntityManager, sandbox: boolean): Promise<number> {
    const rows: Array<{ index: string }> = await manager.query(
      // wrapped in a SELECT: TypeORM returns [rows, count] for a bare UPDATE
      `WITH u AS (UPDATE log_head SET next_index = next_index + 1 WHERE sandbox = $1 RETURNING next_index - 1 AS index) SELECT index FROM u`,
      [sandbox],
    );
    return Number(rows[0]!.index);
  }

  async insertEntry(
    manager: EntityManager,
    sandbox: boolean,
    index: number,
    entry: { bytes: Buffer; leafHash: Buffer; presaleNumber: string; kind: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO log_entry (sandbox, log_index, entry, leaf_hash, presale_number, kind) VALUES ($1, $2, $3, $4, $5, $6)`,
      [sandbox, index, entry.bytes, entry.leafHash, entry.presaleNumber, entry.kind],
    );
  }

  async leafHash(sandbox: boolean, index: number): Promise<Buffer | undefined> {
    const rows: Array<{ leaf_hash: Buffer }> = await this.dataSource.query(
      `SELECT leaf_hash FROM log_entry WHERE sandbox = $1 AND log_index = $2`,
      [sandbox, index],
    );
    return rows[0]?.leaf_hash;
  }

  /** Committed entries from `fromIndex` on, in index order (at most 100,000 per read). */
  entriesFrom(sandbox: boolean, fromIndex: number): Promise<Array<{ log_index: string; leaf_hash: Buffer }>> {
    return this.dataSource.query(
      `SELECT log_index, leaf_hash FROM log_entry WHERE sandbox = $1 AND log_index >= $2 ORDER BY log_index LIMIT 100000`,
      [sandbox, fromIndex],
    );
  }
}
