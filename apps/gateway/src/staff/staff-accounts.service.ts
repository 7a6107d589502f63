import { Injectable } from '@nestjs/common';
import { hashSecret, verifySecret } from '@hn/auth';
import { StaffRole } from '@hn/messages';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  isStaffRole,
  passwordProblem,
  regionProblem,
  usernameProblem,
} from './staff-rules';
import { AccountLockedException, StaffErrors } from './staff.exception';
import { oneTimePassword } from './one-time-password';
import { StaffAccountsRepository } from './staff-accounts.repository';

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
  /** granted by an operator (staff:grant-pii): clear personal numbers where the platform masks them */
  piiRead?: boolean;
}

/** A staff account created with a one-time password (shown once, to be changed at the first login). */
export interface InitialStaffAccount extends StaffAccount {
  oneTimePassword: string;
}

export type Authentication =
  | { ok: true; account: StaffAccount; tokenVersion: number; mustChangePassword: boolean }
  /** `account` is set when the username exists (for the audit row only, never for the client). */
  | { ok: false; reason: 'INVALID_CREDENTIALS'; account: StaffAccount | null }
  | { ok: false; reason: 'ACCOUNT_LOCKED'; account: StaffAccount | null; retryAfterSeconds: number };

// Hash of a random secret so an unknown username costs the same scrypt work as a wrong password.
const DUMMY_HASH = hashSecret(randomBytes(16).toString('hex'));

/** Staff accounts (table staff_user): creation by the operator command, and password checks with lockout. */
@Injectable()
export class StaffAccountsService {
  constructor(
    private readonly repository: StaffAccountsRepository,
    private readonly dataSource: DataSource,
  ) {}

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
    if (!(await this.repository.insert(username, await hashSecret(input.password), role, region)))
      throw StaffErrors.exists(username);
    return { username, role, region };
  }

  /**
   * Creates an account under the first free name `<prefix>NN` (01, 02, …; names of deleted accounts
   * count as taken) with a one-time password, on the caller's transaction (which should hold a lock
   * serialising creations under the prefix). The account must change the password at its first login.
   */
  async createWithOneTimePassword(
    m: EntityManager,
    prefix: string,
    role: StaffRole,
    region: string,
    today = new Date().toISOString().slice(0, 10),
  ): Promise<InitialStaffAccount> {
    const regionIssue = regionProblem(role, region, today);
    if (regionIssue) throw StaffErrors.invalid('region', regionIssue);
    const taken = new Set(await this.repository.namesWithPrefix(m, prefix));
    for (let n = 1; n < 1000; n++) {
      const username = `${prefix}${String(n).padStart(2, '0')}`;
      if (taken.has(username)) continue;
      const usernameIssue = usernameProblem(username);
      if (usernameIssue) throw StaffErrors.invalid('username', usernameIssue);
      const password = oneTimePassword(username);
      if (await this.repository.insertWithOneTimePassword(m, username, await hashSecret(password), role, region))
        return { username, role, region, oneTimePassword: password };
    }
    throw StaffErrors.exists(`${prefix}…`);
  }

  /**
   * Checks a password. Unknown usernames, wrong passwords, disabled and deleted accounts all answer
   * INVALID_CREDENTIALS after the same work (one lookup, one scrypt verification, one counter
   * update). Failures are counted per username whether the name exists or not: the 5th in a row
   * locks that name for 15 minutes, during which every attempt (even with the right password)
   * answers ACCOUNT_LOCKED — so the lockout tells nobody which names exist.
   */
  async authenticate(username: string, password: string): Promise<Authentication> {
    const row = await this.repository.findLogin(username);
    const passwordOk = await verifySecret(password, row.password_hash ?? (await DUMMY_HASH));
    const account: StaffAccount | null =
      row.username && row.role && row.region_code
        ? { username: row.username, role: row.role, region: row.region_code, piiRead: row.pii_read === true }
        : null;
    if (row.lock_seconds_left !== null)
      return { ok: false, reason: 'ACCOUNT_LOCKED', account, retryAfterSeconds: Math.max(1, row.lock_seconds_left) };
    if (!account || !passwordOk || !row.usable) {
      await this.recordFailure(username);
      return { ok: false, reason: 'INVALID_CREDENTIALS', account };
    }
    // Clear the counter unless a concurrent attempt locked the name meanwhile.
    const locked = await this.repository.clearFailures(username);
    if (locked) return { ok: false, reason: 'ACCOUNT_LOCKED', account, retryAfterSeconds: LOCK_MINUTES * 60 };
    return {
      ok: true,
      account,
      tokenVersion: Number(row.token_version ?? 1),
      mustChangePassword: row.must_change_password === true,
    };
  }

  /**
   * Replaces the password after checking the current one (a wrong one counts towards the lockout like
   * a failed login). The new password meets the policy and differs from the current one; the token
   * version goes up, so every token issued before — the restricted one of a one-time password
   * included — is refused. Resolves to the account and its new token version.
   */
  async changePassword(
    username: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<{ account: StaffAccount; tokenVersion: number }> {
    const check = await this.authenticate(username, currentPassword);
    if (!check.ok) {
      if (check.reason === 'ACCOUNT_LOCKED') throw new AccountLockedException(check.retryAfterSeconds);
      throw StaffErrors.wrongCurrentPassword();
    }
    const issue = passwordProblem(newPassword, username);
    if (issue) throw StaffErrors.invalid('newPassword', issue);
    if (newPassword === currentPassword)
      throw StaffErrors.invalid(
        'newPassword',
        '新密码不能与当前密码相同 (the new password must differ from the current one)',
      );
    const version = await this.repository.setPassword(this.dataSource, username, await hashSecret(newPassword), false);
    if (version === null) throw StaffErrors.invalidCredentials();
    return { account: check.account, tokenVersion: version };
  }

  /** Drops failure counters of names not tried for a day; called periodically by the login service. */
  async pruneFailures(): Promise<void> {
    await this.repository.pruneFailures();
  }

  /** One more failure for the name (existing or not); the counter starts again after an expired lock. Atomic under concurrency. */
  private async recordFailure(username: string): Promise<void> {
    await this.repository.recordFailure(username, MAX_FAILED_LOGINS, LOCK_MINUTES);
  }
}
