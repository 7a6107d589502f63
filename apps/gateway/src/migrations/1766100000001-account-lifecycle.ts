import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account lifecycle: token versions (a token carries the version it was issued under; disabling or
 * deleting an account bumps it), soft deletion (the row and its audit references stay, the name is
 * never reused), the previous integrator secret during a rotation overlap, and login failure
 * counters per username whether the name exists or not (so a lockout reveals nothing).
 */
export class AccountLifecycle1766100000001 implements MigrationInterface {
  name = 'AccountLifecycle1766100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE integrator_client
        ADD COLUMN token_version int NOT NULL DEFAULT 1 CHECK (token_version >= 1),
        ADD COLUMN deleted_at timestamptz NULL,
        ADD COLUMN previous_secret_hash text NULL,
        ADD COLUMN previous_secret_expires_at timestamptz NULL,
        ADD COLUMN secret_rotated_at timestamptz NULL,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      ALTER TABLE staff_user
        ADD COLUMN token_version int NOT NULL DEFAULT 1 CHECK (token_version >= 1),
        ADD COLUMN deleted_at timestamptz NULL,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      CREATE TABLE staff_login_failure (
        username text PRIMARY KEY,
        failed_logins int NOT NULL CHECK (failed_logins > 0),
        locked_until timestamptz NULL,
        last_failure_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX staff_login_failure_last_idx ON staff_login_failure (last_failure_at)`);
    // carry over counters and locks of existing accounts
    await q.query(`
      INSERT INTO staff_login_failure (username, failed_logins, locked_until)
      SELECT username, failed_logins, locked_until FROM staff_user WHERE failed_logins > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_login_failure`);
    await q.query(`ALTER TABLE staff_user DROP COLUMN token_version, DROP COLUMN deleted_at, DROP COLUMN updated_at`);
    await q.query(`
      ALTER TABLE integrator_client DROP COLUMN token_version, DROP COLUMN deleted_at, DROP COLUMN previous_secret_hash,
        DROP COLUMN previous_secret_expires_at, DROP COLUMN secret_rotated_at, DROP COLUMN updated_at`);
  }
}
