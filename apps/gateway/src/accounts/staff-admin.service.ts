import { Inject, Injectable } from '@nestjs/common';
import { AccountChangedV1, StaffRole } from '@hn/messages';
import { DataSource, EntityManager } from 'typeorm';
import { ACCOUNT_NOTIFIER, AccountNotifier } from './account-events';
import { AccountErrors, AccountStatus, statusOf } from './accounts.errors';
import { AccountChange } from './integrator-admin.service';

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
}

interface StaffAdminRow {
  username: string;
  role: StaffRole;
  region_code: string;
  disabled: boolean;
  deleted_at: Date | null;
  token_version: number;
  created_at: Date;
  locked_until: Date | null;
}

const SELECT_STAFF = `
  SELECT s.username, s.role, s.region_code, s.disabled, s.deleted_at, s.token_version, s.created_at,
         CASE WHEN f.locked_until > now() THEN f.locked_until END AS locked_until
    FROM staff_user s LEFT JOIN staff_login_failure f ON f.username = s.username`;

type Patch = { disabled?: boolean; deleted?: true; bumpVersion?: true };

/**
 * Lifecycle of staff accounts for the operator commands and the ADMIN API: list, disable, enable
 * and (soft) delete. Disabling and deleting bump the token version, so the account's tokens are
 * refused by every gateway replica within seconds; a deleted name is never reused.
 */
@Injectable()
export class StaffAdminService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(ACCOUNT_NOTIFIER) private readonly notifier: AccountNotifier,
  ) {}

  async list(): Promise<StaffSummary[]> {
    const rows = (await this.dataSource.query(`${SELECT_STAFF} ORDER BY s.created_at, s.username`)) as StaffAdminRow[];
    return rows.map(staffSummaryOf);
  }

  disable(username: string): Promise<AccountChange<StaffSummary>> {
    return this.change(username, 'DISABLED', (row) => (row.disabled ? null : { disabled: true, bumpVersion: true }));
  }

  enable(username: string): Promise<AccountChange<StaffSummary>> {
    return this.change(username, 'ENABLED', (row) => (row.disabled ? { disabled: false } : null));
  }

  delete(username: string): Promise<AccountChange<StaffSummary>> {
    return this.change(username, 'DELETED', () => ({ deleted: true, bumpVersion: true }), true);
  }

  private async change(
    username: string,
    event: AccountChangedV1['change'],
    patch: (row: StaffAdminRow) => Patch | null,
    idempotentWhenDeleted = false,
  ): Promise<AccountChange<StaffSummary>> {
    const result = await this.dataSource.transaction(async (manager: EntityManager) => {
      const locked = (await manager.query(`SELECT username FROM staff_user WHERE username = $1 FOR UPDATE`, [
        username,
      ])) as unknown[];
      if (locked.length === 0) throw AccountErrors.staffNotFound(username);
      const row = ((await manager.query(`${SELECT_STAFF} WHERE s.username = $1`, [username])) as StaffAdminRow[])[0]!;
      const before = staffSummaryOf(row);
      if (row.deleted_at) {
        if (idempotentWhenDeleted) return { account: before, before, after: before, changed: false };
        throw AccountErrors.deleted(`工作人员账号 ${username}`);
      }
      const update = patch(row);
      if (!update) return { account: before, before, after: before, changed: false };
      await manager.query(
        `UPDATE staff_user
            SET disabled = COALESCE($2, disabled),
                deleted_at = CASE WHEN $3 THEN now() ELSE deleted_at END,
                token_version = token_version + CASE WHEN $4 THEN 1 ELSE 0 END,
                updated_at = now()
          WHERE username = $1`,
        [username, update.disabled ?? null, update.deleted === true, update.bumpVersion === true],
      );
      const after = staffSummaryOf(
        ((await manager.query(`${SELECT_STAFF} WHERE s.username = $1`, [username])) as StaffAdminRow[])[0]!,
      );
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
  };
}
