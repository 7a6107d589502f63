import { Injectable } from '@nestjs/common';
import { StaffRole } from '@hn/messages';
import { DataSource, EntityManager } from 'typeorm';

export interface StaffAdminRow {
  username: string;
  role: StaffRole;
  region_code: string;
  disabled: boolean;
  deleted_at: Date | null;
  token_version: number;
  created_at: Date;
  locked_until: Date | null;
  must_change_password: boolean;
  pii_read: boolean;
}

/** What a lifecycle command changes; a bumped token version refuses the account's tokens. */
export type StaffPatch = { disabled?: boolean; deleted?: true; bumpVersion?: true; piiRead?: boolean };

const SELECT_STAFF = `
  SELECT s.username, s.role, s.region_code, s.disabled, s.deleted_at, s.token_version, s.created_at, s.must_change_password, s.pii_read,
         CASE WHEN f.locked_until > now() THEN f.locked_until END AS locked_until
    FROM staff_user s LEFT JOIN staff_login_failure f ON f.username = s.username`;

const UPDATE_STAFF = `UPDATE staff_user
            SET disabled = COALESCE($2, disabled),
                deleted_at = CASE WHEN $3 THEN now() ELSE deleted_at END,
                pii_read = COALESCE($5, pii_read),
                token_version = token_version + CASE WHEN $4 THEN 1 ELSE 0 END,
                updated_at = now()
          WHERE username = $1`;

/**
 * SQL of the staff account lifecycle (staff_user with its login lock). Hand-written: the account
 * joins its failure counter, and the update bumps the token version in place.
 */
@Injectable()
export class StaffAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<StaffAdminRow[]> {
    return this.dataSource.query(`${SELECT_STAFF} ORDER BY s.created_at, s.username`);
  }

  /** Locks the account row for the caller's transaction; false when there is none. */
  async lock(m: EntityManager, username: string): Promise<boolean> {
    const locked = (await m.query(`SELECT username FROM staff_user WHERE username = $1 FOR UPDATE`, [
      username,
    ])) as unknown[];
    return locked.length > 0;
  }

  async find(m: EntityManager, username: string): Promise<StaffAdminRow | undefined> {
    return ((await m.query(`${SELECT_STAFF} WHERE s.username = $1`, [username])) as StaffAdminRow[])[0];
  }

  async update(m: EntityManager, username: string, patch: StaffPatch): Promise<void> {
    await m.query(UPDATE_STAFF, [
      username,
      patch.disabled ?? null,
      patch.deleted === true,
      patch.bumpVersion === true,
      patch.piiRead ?? null,
    ]);
  }
}
