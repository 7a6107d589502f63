import { Injectable } from '@nestjs/common';
import { StaffRole } from '@hn/messages';
import { DataSource, EntityManager } from 'typeorm';

/** One row for every username asked about: the account's columns are null when there is none. */
export interface LoginRow {
  username: string | null;
  password_hash: string | null;
  role: StaffRole | null;
  region_code: string | null;
  usable: boolean | null;
  token_version: number | null;
  lock_seconds_left: number | null;
  must_change_password: boolean | null;
  pii_read: boolean | null;
}

/** Failure counters of names not seen for a day (and not locked) are dropped. */
const FAILURE_RETENTION = '1 day';

const INSERT_STAFF = `INSERT INTO staff_user (username, password_hash, role, region_code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username) DO NOTHING RETURNING username`;

const SELECT_LOGIN = `SELECT s.username, s.password_hash, s.role, s.region_code, (NOT s.disabled AND s.deleted_at IS NULL) AS usable, s.token_version, s.must_change_password, s.pii_read,
              CASE WHEN f.locked_until > now() THEN ceil(extract(epoch FROM f.locked_until - now()))::int END AS lock_seconds_left
         FROM (SELECT $1::text AS username) q
         LEFT JOIN staff_user s ON s.username = q.username
         LEFT JOIN staff_login_failure f ON f.username = q.username`;

const INSERT_WITH_ONE_TIME_PASSWORD = `INSERT INTO staff_user (username, password_hash, role, region_code, must_change_password)
       VALUES ($1, $2, $3, $4, true) ON CONFLICT (username) DO NOTHING RETURNING username`;

/** Names taken with this prefix, deleted ones included (a name is never reused). */
const NAMES_WITH_PREFIX = `SELECT username FROM staff_user WHERE starts_with(username, $1)`;

/**
 * New password hash; the token version goes up so tokens issued before the change are refused. A SELECT
 * around the UPDATE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], not the rows.
 */
const SET_PASSWORD = `WITH changed AS (
         UPDATE staff_user
            SET password_hash = $2, must_change_password = $3, token_version = token_version + 1, updated_at = now()
          WHERE username = $1 AND deleted_at IS NULL
          RETURNING token_version)
       SELECT token_version FROM changed`;

const CLEAR_FAILURES = `WITH cleared AS (DELETE FROM staff_login_failure WHERE username = $1 AND (locked_until IS NULL OR locked_until <= now()) RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM staff_login_failure WHERE username = $1 AND locked_until > now()) AS locked`;

const PRUNE_FAILURES = `DELETE FROM staff_login_failure WHERE last_failure_at < now() - interval '${FAILURE_RETENTION}' AND (locked_until IS NULL OR locked_until <= now())`;

const RECORD_FAILURE = `INSERT INTO staff_login_failure AS f (username, failed_logins, locked_until, last_failure_at)
       VALUES ($1, 1, CASE WHEN 1 >= $2 THEN now() + make_interval(mins => $3) END, now())
       ON CONFLICT (username) DO UPDATE
          SET failed_logins = CASE WHEN f.locked_until IS NOT NULL THEN 1 ELSE f.failed_logins + 1 END,
              locked_until = CASE WHEN (CASE WHEN f.locked_until IS NOT NULL THEN 1 ELSE f.failed_logins + 1 END) >= $2
                                  THEN now() + make_interval(mins => $3) ELSE NULL END,
              last_failure_at = now()
        WHERE f.locked_until IS NULL OR f.locked_until <= now()`;

/**
 * SQL of staff accounts and login failure counters (staff_user, staff_login_failure). Hand-written:
 * each is one atomic statement (insert-if-absent, counter upsert, clear-unless-locked).
 */
@Injectable()
export class StaffAccountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the username is taken. */
  async insert(username: string, passwordHash: string, role: StaffRole, region: string): Promise<boolean> {
    const inserted = (await this.dataSource.query(INSERT_STAFF, [username, passwordHash, role, region])) as unknown[];
    return inserted.length > 0;
  }

  /** An account that must change its (one-time) password at first login; false when the name is taken. */
  async insertWithOneTimePassword(
    m: EntityManager,
    username: string,
    passwordHash: string,
    role: StaffRole,
    region: string,
  ): Promise<boolean> {
    const inserted = (await m.query(INSERT_WITH_ONE_TIME_PASSWORD, [
      username,
      passwordHash,
      role,
      region,
    ])) as unknown[];
    return inserted.length > 0;
  }

  async namesWithPrefix(m: EntityManager, prefix: string): Promise<string[]> {
    const rows = (await m.query(NAMES_WITH_PREFIX, [prefix])) as Array<{ username: string }>;
    return rows.map((r) => r.username);
  }

  /** Stores a new hash (and whether it must be changed at the next login); the new token version, or null without such an account. */
  async setPassword(
    runner: Pick<EntityManager, 'query'>,
    username: string,
    passwordHash: string,
    mustChange: boolean,
  ): Promise<number | null> {
    const rows = (await runner.query(SET_PASSWORD, [username, passwordHash, mustChange])) as Array<{
      token_version: number;
    }>;
    return rows[0] ? Number(rows[0].token_version) : null;
  }

  /** Exactly one row, whether the account exists or not. */
  async findLogin(username: string): Promise<LoginRow> {
    const rows = (await this.dataSource.query(SELECT_LOGIN, [username])) as LoginRow[];
    return rows[0]!;
  }

  /** Clears the counter unless a concurrent attempt locked the name meanwhile; whether it is locked. */
  async clearFailures(username: string): Promise<boolean> {
    const [{ locked }] = (await this.dataSource.query(CLEAR_FAILURES, [username])) as [{ locked: boolean }];
    return locked;
  }

  async pruneFailures(): Promise<void> {
    await this.dataSource.query(PRUNE_FAILURES);
  }

  /** One more failure; the counter starts again after an expired lock. Atomic under concurrency. */
  async recordFailure(username: string, maxFailures: number, lockMinutes: number): Promise<void> {
    await this.dataSource.query(RECORD_FAILURE, [username, maxFailures, lockMinutes]);
  }
}
