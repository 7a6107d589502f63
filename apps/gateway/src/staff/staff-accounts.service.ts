import { Injectable } from '@nestjs/common';
import { hashSecret, verifySecret } from '@hn/auth';
import { StaffRole } from '@hn/messages';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  isStaffRole,
  passwordProblem,
  regionProblem,
  usernameProblem,
} from './staff-rules';
import { StaffErrors } from './staff.errors';

export interface NewStaff {
  username: string;
  password: string;
  role: string;
  region: string;
}

export interface StaffAccount {
  username: string;
  role: StaffRole;
  region: string;
}

export type Authentication =
  | { ok: true; account: StaffAccount; tokenVersion: number }
  /** `account` is set when the username exists (for the audit row only, never for the client). */
  | { ok: false; reason: 'INVALID_CREDENTIALS'; account: StaffAccount | null }
  | { ok: false; reason: 'ACCOUNT_LOCKED'; account: StaffAccount | null; retryAfterSeconds: number };

/** One row for every username asked about: the account's columns are null when there is none. */
interface LoginRow {
  username: string | null;
  password_hash: string | null;
  role: StaffRole | null;
  region_code: string | null;
  usable: boolean | null;
  token_version: number | null;
  lock_seconds_left: number | null;
}

/** Failure counters of names not seen for a day (and not locked) are dropped. */
const FAILURE_RETENTION = '1 day';

// Hash of a random secret so an unknown username costs the same scrypt work as a wrong password.
const DUMMY_HASH = hashSecret(randomBytes(16).toString('hex'));

/** Staff accounts (table staff_user): creation by the operator command, and password checks with lockout. */
@Injectable()
export class StaffAccountsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Validates and stores an account; only the scrypt hash of the password is kept. */
  async create(input: NewStaff, today = new Date().toISOString().slice(0, 10)): Promise<StaffAccount> {
    const username = input.username.trim();
    const role = input.role.trim().toUpperCase();
    const region = input.region.trim();
    const usernameIssue = usernameProblem(username);
    if (usernameIssue) throw StaffErrors.invalid('username', usernameIssue);
    const passwordIssue = passwordProblem(input.password, username);
    if (passwordIssue) throw StaffErrors.invalid('password', passwordIssue);
    if (!isStaffRole(role))
      throw StaffErrors.invalid(
        'role',
        `角色须为 PROVINCE、CITY、COUNTY 或 ADMIN (role must be PROVINCE, CITY, COUNTY or ADMIN)`,
      );
    const regionIssue = regionProblem(role, region, today);
    if (regionIssue) throw StaffErrors.invalid('region', regionIssue);
    const inserted = (await this.dataSource.query(
      `INSERT INTO staff_user (username, password_hash, role, region_code) VALUES ($1, $2, $3, $4)
       ON CONFLICT (username) DO NOTHING RETURNING username`,
      [username, await hashSecret(input.password), role, region],
    )) as unknown[];
    if (inserted.length === 0) throw StaffErrors.exists(username);
    return { username, role, region };
  }

  /**
   * Checks a password. Unknown usernames, wrong passwords, disabled and deleted accounts all answer
   * INVALID_CREDENTIALS after the same work (one lookup, one scrypt verification, one counter
   * update). Failures are counted per username whether the name exists or not: the 5th in a row
   * locks that name for 15 minutes, during which every attempt (even with the right password)
   * answers ACCOUNT_LOCKED — so the lockout tells nobody which names exist.
   */
  async authenticate(username: string, password: string): Promise<Authentication> {
    const rows = (await this.dataSource.query(
      `SELECT s.username, s.password_hash, s.role, s.region_code, (NOT s.disabled AND s.deleted_at IS NULL) AS usable, s.token_version,
              CASE WHEN f.locked_until > now() THEN ceil(extract(epoch FROM f.locked_until - now()))::int END AS lock_seconds_left
         FROM (SELECT $1::text AS username) q
         LEFT JOIN staff_user s ON s.username = q.username
         LEFT JOIN staff_login_failure f ON f.username = q.username`,
      [username],
    )) as LoginRow[];
    const row = rows[0]!;
    const passwordOk = await verifySecret(password, row.password_hash ?? (await DUMMY_HASH));
    const account: StaffAccount | null =
      row.username && row.role && row.region_code
        ? { username: row.username, role: row.role, region: row.region_code }
        : null;
    if (row.lock_seconds_left !== null)
      return { ok: false, reason: 'ACCOUNT_LOCKED', account, retryAfterSeconds: Math.max(1, row.lock_seconds_left) };
    if (!account || !passwordOk || !row.usable) {
      await this.recordFailure(username);
      return { ok: false, reason: 'INVALID_CREDENTIALS', account };
    }
    // Clear the counter unless a concurrent attempt locked the name meanwhile.
    const [{ locked }] = (await this.dataSource.query(
      `WITH cleared AS (DELETE FROM staff_login_failure WHERE username = $1 AND (locked_until IS NULL OR locked_until <= now()) RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM staff_login_failure WHERE username = $1 AND locked_until > now()) AS locked`,
      [username],
    )) as [{ locked: boolean }];
    if (locked) return { ok: false, reason: 'ACCOUNT_LOCKED', account, retryAfterSeconds: LOCK_MINUTES * 60 };
    return { ok: true, account, tokenVersion: Number(row.token_version ?? 1) };
  }

  /** Drops failure counters of names not tried for a day; called periodically by the login service. */
  async pruneFailures(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM staff_login_failure WHERE last_failure_at < now() - interval '${FAILURE_RETENTION}' AND (locked_until IS NULL OR locked_until <= now())`,
    );
  }

  /** One more failure for the name (existing or not); the counter starts again after an expired lock. Atomic under concurrency. */
  private async recordFailure(username: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO staff_login_failure AS f (username, failed_logins, locked_until, last_failure_at)
       VALUES ($1, 1, CASE WHEN 1 >= $2 THEN now() + make_interval(mins => $3) END, now())
       ON CONFLICT (username) DO UPDATE
          SET failed_logins = CASE WHEN f.locked_until IS NOT NULL THEN 1 ELSE f.failed_logins + 1 END,
              locked_until = CASE WHEN (CASE WHEN f.locked_until IS NOT NULL THEN 1 ELSE f.failed_logins + 1 END) >= $2
                                  THEN now() + make_interval(mins => $3) ELSE NULL END,
              last_failure_at = now()
        WHERE f.locked_until IS NULL OR f.locked_until <= now()`,
      [username, MAX_FAILED_LOGINS, LOCK_MINUTES],
    );
  }
}
