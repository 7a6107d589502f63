import { Injectable } from '@nestjs/common';
import { Ed25519PublicJwk } from '@hn/chain';
import { DataSource } from 'typeorm';

/** The public keys of every signing key ever used (signing_key). */
@Injectable()
export class SigningKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  async register(keyId: string, publicJwk: Ed25519PublicJwk): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO signing_key (key_id, public_jwk) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING`,
      [keyId, JSON.stringify(publicJwk)],
    );
  }

  /** Oldest first. */
  async publicKeys(): Promise<Ed25519PublicJwk[]> {
    const rows: Array<{ public_jwk: Ed25519PublicJwk }> = await this.dataSource.query(
      `SELECT public_jwk FROM signing_key ORDER BY first_used_at`,
    );
    return rows.map((r) => r.public_jwk);
  }
}
