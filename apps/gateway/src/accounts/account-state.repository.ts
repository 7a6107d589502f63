import { Injectable } from '@nestjs/common';
import { AccountKind } from '@hn/messages';
import { DataSource } from 'typeorm';

const STATE_SQL: Record<AccountKind, string> = {
  integrator: `SELECT token_version AS version, (NOT disabled AND deleted_at IS NULL) AS active FROM integrator_client WHERE client_id = $1`,
  staff: `SELECT token_version AS version, (NOT disabled AND deleted_at IS NULL) AS active FROM staff_user WHERE username = $1`,
};

/** The token-relevant state of one account (one primary-key read, hand-written: it runs on every cache miss). */
@Injectable()
export class AccountStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(kind: AccountKind, id: string): Promise<{ version: number; active: boolean } | undefined> {
    const rows = (await this.dataSource.query(STATE_SQL[kind], [id])) as Array<{ version: number; active: boolean }>;
    return rows[0];
  }
}
