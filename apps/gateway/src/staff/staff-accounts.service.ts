import { Injectable } from '@nestjs/common';
import { hashSecret, verifySecret } from '@hn/auth';
import { StaffRole } from '@hn/contracts';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LOCK_MINUTES, MAX_FAILED_LOGINS, isStaffRole, passwordProblem, regionProblem, usernameProblem } from './staff-rules';
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
  | { ok: true; account: StaffAccount }
  /** `account` is set when the username exists (for the audit row only, never for the client). */
  | { ok: false; reason: 'INVALID_CREDENTIALS'; account: StaffAccount | null }
  | { ok: false; reason: 'ACCOUNT_LOCKED'; account: StaffAccount; retryAfterSeconds: number };

interface StaffRow {
  username: string;
  password_hash: string;
  role: StaffRole;
  region_code: string;
  disabled: boolean;
  lock_seconds_left: number | null;
}

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
    if (!isStaffRole(role)) throw StaffErrors.invalid('role', `角色须为 PROVINCE、CITY、COUNTY 或 ADMIN (role must be PROVINCE, CITY, COUNTY or ADMIN)`);
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
   * Checks a password. Unknown usernames, wrong passwords and disabled accounts all answer
   * INVALID_CREDENTIALS after the same scrypt work; the 5th wrong password in a row locks the
   * account for 15 minutes, during which every attempt (even with the right password) answers
   * ACCOUNT_LOCKED.
   */
  async authenticate(username: string, password: string): Promise<Authentication> {
    const rows = (await this.dataSource.query(
      `SELECT username, password_hash, role, region_code, disabled,
              CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()))::int END AS lock_seconds_left
         FROM staff_user WHERE username = $1`,
      [username],
    )) as StaffRow[];
    const row = rows[0];
    const passwordOk = await verifySecret(password, row ? row.password_hash : await DUMMY_HASH);
    if (!row) {
      await this.recordFailure(username); // matches no row; keeps the two paths alike
      return { ok: false, reason: 'INVALID_CREDENTIALS', account: null };
    }
    const account: StaffAccount = { username: row.username, role: row.role, region: row.region_code };
    if (row.lock_seconds_left !== null) return { ok: false, reason: 'ACCOUNT_LOCKED', account, retryAfterSeconds: Math.max(1, row.lock_seconds_left) };
    if (!passwordOk || row.disabled) {
      if (!passwordOk) await this.recordFailure(username);
      return { ok: false, reason: 'INVALID_CREDENTIALS', account };
    }
    // Reset the counter unless a concurrent attempt locked the account meanwhile.
    const reset = (await this.dataSource.query(
      `UPDATE staff_user SET failed_logins = 0, locked_until = NULL
        WHERE username = $1 AND (locked_until IS NULL OR locked_until <= now())
        RETURNING username`,
      [username],
    )) as [unknown[], number];
    if (reset[1] === 0) return { ok: false, reason: 'ACCOUNT_LOCKED', account, retryAfterSeconds: LOCK_MINUTES * 60 };
    return { ok: true, account };
  }

  /** One more failure; the counter starts again after an expired lock. Atomic under concurrency. */
  private async recordFailure(username: string): Promise<void> {
    await this.dataSource.query(
      `WITH cur AS (
         SELECT username, CASE WHEN locked_until IS NOT NULL AND locked_until <= now() THEN 0 ELSE failed_logins END + 1 AS failures
           FROM staff_user WHERE username = $1 FOR UPDATE
       )
       UPDATE staff_user s
          SET failed_logins = cur.failures,
              locked_until = CASE WHEN cur.failures >= $2 THEN now() + make_interval(mins => $3) ELSE NULL END
         FROM cur
        WHERE s.username = cur.username AND (s.locked_until IS NULL OR s.locked_until <= now())`,
      [username, MAX_FAILED_LOGINS, LOCK_MINUTES],
    );
  }
}
