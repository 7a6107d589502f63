import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Logout of the staff console (DELETE /api/v1/auth/session) ends that one token before its expiry:
 * its sha256 (never the token) until it would have expired anyway; the guard refuses listed tokens.
 */
export class SessionRevocation1766600000001 implements MigrationInterface {
  name = 'SessionRevocation1766600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE revoked_access_token (
        token_hash char(64) PRIMARY KEY,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX revoked_access_token_expires_idx ON revoked_access_token (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE revoked_access_token`);
  }
}
