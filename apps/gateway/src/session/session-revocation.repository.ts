import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Tokens ended at logout, by sha256 (table of migration 1766600000001), kept until they expire anyway. */
@Injectable()
export class SessionRevocationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(tokenHash: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO revoked_access_token (token_hash, expires_at) VALUES ($1, $2) ON CONFLICT (token_hash) DO NOTHING`,
      [tokenHash, expiresAt],
    );
  }

  async isRevoked(tokenHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM revoked_access_token WHERE token_hash = $1`, [
      tokenHash,
    ]);
    return rows.length > 0;
  }

  /** Rows of tokens that expired anyway (a revoked token past its exp is refused as expired). */
  async prune(): Promise<void> {
    await this.dataSource.query(`DELETE FROM revoked_access_token WHERE expires_at < now() - interval '1 minute'`);
  }
}
