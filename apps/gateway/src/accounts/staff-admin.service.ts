import { Inject, Injectable } from '@nestjs/common';
import { hashSecret } from '@hn/auth';
import { AccountChangedV1, StaffRole } from '@hn/messages';
import { DataSource, EntityManager } from 'typeorm';
import { ACCOUNT_NOTIFIER, AccountNotifier } from './account-events';
import { AccountErrors, AccountStatus, statusOf } from './accounts.exception';
import { AccountChange } from './integrator-admin.service';
import { StaffAdminRepository, StaffAdminRow, StaffPatch } from './staff-admin.repository';
import { StaffAccountsRepository } from '../staff/staff-accounts.repository';
import { oneTimePassword } from '../staff/one-time-password';

/** A staff account as operators see it (never the password hash). */
export interface StaffSummary {
  username: string;
  role: StaffRole;
  region: string;
  status: AccountStatus;
  tokenVersion: number;
  createdAt: string;
  /** set while the name is locked after repeated failed logins */
  lockedUntil: string | null;
  /** the one-time password (new account, reset) has not been changed yet */
  passwordChangeRequired: boolean;
  /** granted pii:read (clear phone and ID numbers where the platform masks them) */
  piiRead: boolean;
}

export interface PasswordReset extends AccountChange<StaffSummary> {
  oneTimePassword: string;
}

/**
 * Lifecycle of staff accounts for the operator commands and the ADMIN API: list, disable, enable,
 * (soft) delete and password reset. Disabling and deleting bump the token version, so the account's tokens are
 * refused by every gateway replica within seconds; a deleted name is never reused.
 */
@Injectable()
export class StaffAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: StaffAdminRepository,
    private readonly passwords: StaffAccountsRepository,
    @Inject(ACCOUNT_NOTIFIER) private readonly notifier: AccountNotifier,
  ) {}

  async list(): Promise<StaffSummary[]> {
    const rows = await this.repository.list();
    return rows.map(staffSummaryOf);
  }

  disable(username: string): Promise<AccountChange<StaffSummary>> {
    return this.change(username, 'DISABLED', (row) => (row.disabled ? null : { disabled: true, bumpVersion: true }));
  }

  enable(username: string): Promise<AccountChange<StaffSummary>> {
    return this.change(username, 'ENABLED', (row) => (row.disabled ? { disabled: false } : null));
  }

  /**
   * Grants or withdraws pii:read. The token version goes up either way, so the account's current tokens
   * are refused and its next login carries the new scopes (a withdrawal takes effect at once).
   */
  setPiiRead(username: string, granted: boolean): Promise<AccountChange<StaffSummary>> {
    return this.change(username, granted ? 'PII_GRANTED' : 'PII_REVOKED', (row) =>
      row.pii_read === granted ? null : { piiRead: granted, bumpVersion: true },
    );
  }

  delete(username: string): Promise<AccountChange<StaffSummary>> {
    return this.change(username, 'DELETED', () => ({ deleted: true, bumpVersion: true }), true);
  }

  /**
   * A new one-time password (e.g. the approval's was lost): shown once, to be changed at the next
   * login; the account's tokens are refused from now on. A disabled account stays disabled.
   */
  async resetPassword(username: string): Promise<PasswordReset> {
    const password = oneTimePassword(username);
    const hash = await hashSecret(password);
    const result = await this.dataSource.transaction(async (manager: EntityManager) => {
      if (!(await this.repository.lock(manager, username))) throw AccountErrors.staffNotFound(username);
      const row = (await this.repository.find(manager, username))!;
      if (row.deleted_at) throw AccountErrors.deleted(`工作人员账号 ${username}`);
      const before = staffSummaryOf(row);
      await this.passwords.setPassword(manager, username, hash, true);
      const after = staffSummaryOf((await this.repository.find(manager, username))!);
      return { account: after, before, after, changed: true };
    });
    await this.notifier.accountChanged({ kind: 'staff', id: username, change: 'PASSWORD_RESET' });
    return { ...result, oneTimePassword: password };
  }

  private async change(
    username: string,
    event: AccountChangedV1['change'],
    patch: (row: StaffAdminRow) => StaffPatch | null,
    idempotentWhenDeleted = false,
  ): Promise<AccountChange<StaffSummary>> {
    const result = await this.dataSource.transaction(async (manager: EntityManager) => {
      if (!(await this.repository.lock(manager, username))) throw AccountErrors.staffNotFound(username);
      const row = (await this.repository.find(manager, username))!;
      const before = staffSummaryOf(row);
      if (row.deleted_at) {
        if (idempotentWhenDeleted) return { account: before, before, after: before, changed: false };
        throw AccountErrors.deleted(`工作人员账号 ${username}`);
      }
      const update = patch(row);
      if (!update) return { account: before, before, after: before, changed: false };
      await this.repository.update(manager, username, update);
      const after = staffSummaryOf((await this.repository.find(manager, username))!);
      return { account: after, before, after, changed: true };
    });
    if (result.changed) await this.notifier.accountChanged({ kind: 'staff', id: username, change: event });
    return result;
  }
}

function staffSummaryOf(row: StaffAdminRow): StaffSummary {
  return {
    username: row.username,
    role: row.role,
    region: row.region_code,
    status: statusOf({ disabled: row.disabled, deletedAt: row.deleted_at }),
    tokenVersion: Number(row.token_version),
    createdAt: row.created_at.toISOString(),
    lockedUntil: row.locked_until ? row.locked_until.toISOString() : null,
    passwordChangeRequired: row.must_change_password === true,
    piiRead: row.pii_read === true,
  };
}
