import { Injectable } from '@nestjs/common';
import { PresaleBackfillStatusV1, PresalePermitV1, SupervisionStateV1 } from '@hn/messages';
import { DataSource } from 'typeorm';

export interface PermitRecordRow {
  record: PresalePermitV1;
  status: PresalePermitV1['status'];
  region_code: string;
}

/** What verification needs of a record: its current version and the backfill state. */
export interface VerifiedRow {
  record: PresalePermitV1;
  status: PresaleBackfillStatusV1;
  record_digest: string;
  log_index: string;
  backfill_state: SupervisionStateV1 | null;
}

/** Reads of issued presale permits (integrators' records and public verification). */
@Injectable()
export class PresalePermitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findRecord(sandbox: boolean, presaleNumber: string): Promise<PermitRecordRow | undefined> {
    const rows: PermitRecordRow[] = await this.dataSource.query(
      `SELECT record, status, region_code FROM presale_permit WHERE sandbox = $1 AND presale_number = $2`,
      [sandbox, presaleNumber],
    );
    return rows[0];
  }

  async findVerified(sandbox: boolean, presaleNumber: string): Promise<VerifiedRow | undefined> {
    const rows: VerifiedRow[] = await this.dataSource.query(
      `SELECT p.record, p.status, p.record_digest, p.log_index, b.state AS backfill_state
       FROM presale_permit p LEFT JOIN presale_backfill b ON b.sandbox = p.sandbox AND b.presale_number = p.presale_number
       WHERE p.sandbox = $1 AND p.presale_number = $2`,
      [sandbox, presaleNumber],
    );
    return rows[0];
  }

  /** Is (digest, log index) a version replaced by an ADMIN correction? */
  async isReplacedVersion(
    sandbox: boolean,
    presaleNumber: string,
    digestHex: string,
    logIndex: number,
  ): Promise<boolean> {
    const replaced: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM presale_permit_version WHERE sandbox = $1 AND presale_number = $2 AND record_digest = $3 AND log_index = $4`,
      [sandbox, presaleNumber, digestHex, logIndex],
    );
    return replaced.length > 0;
  }

  /** A public record: real, not withdrawn, not an unsubmitted backfill. */
  async findPublic(
    presaleNumber: string,
  ): Promise<{ record: PresalePermitV1; status: PresalePermitV1['status'] } | undefined> {
    const rows: Array<{ record: PresalePermitV1; status: PresalePermitV1['status'] }> = await this.dataSource.query(
      `SELECT p.record, p.status FROM presale_permit p LEFT JOIN presale_backfill b ON b.sandbox = p.sandbox AND b.presale_number = p.presale_number
       WHERE p.sandbox = false AND p.presale_number = $1 AND p.status <> 'WITHDRAWN' AND b.state IS DISTINCT FROM 'DRAFT'`,
      [presaleNumber],
    );
    return rows[0];
  }
}
