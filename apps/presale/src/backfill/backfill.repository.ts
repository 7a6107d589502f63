import { Injectable } from '@nestjs/common';
import { BACKFILL_CANDIDATE_SORT, SortOrder, SupervisionStateV1 } from '@hn/messages';
import { orderBy } from '@hn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { likeContains, PageRequest, regionPatterns } from '../scans/staff-scope';
import { BackfillRow } from './backfill-rows';
import { BACKFILL_COLUMNS, BACKFILL_FROM, Where } from './backfill.sql';

export interface CandidateFilter extends PageRequest {
  /** The caller's regions (region-scoped in SQL). */
  regions: readonly string[];
  regionCode?: string;
  keyword?: string;
  sort?: SortOrder<CandidateSortField>;
}

type CandidateSortField = (typeof BACKFILL_CANDIDATE_SORT.fields)[number];

/** The (grouped) column of each sortable field of the candidate projects. */
const CANDIDATE_SORT_COLUMNS: Record<CandidateSortField, string> = {
  projectCode: 'r.project_code',
  projectName: 'min(r.project_name)',
  regionCode: 'min(r.region_code)',
};

export interface BackfillListFilter extends PageRequest {
  regions: readonly string[];
  regionCode?: string;
  state?: SupervisionStateV1;
}

export interface CandidateProjectRow {
  project_code: string;
  project_name: string;
  region_code: string;
}

export interface CandidatePermitRow {
  permit_number: string;
  issue_date: string;
  project_code: string;
}

export interface BackfilledOfPermitRow {
  presale_number: string;
  issue_date: string;
  state: SupervisionStateV1;
  status: string;
  permit_number: string;
}

/** A replaced version of a corrected record (presale_permit_version). */
export interface ReplacedVersion {
  presaleNumber: string;
  record: unknown;
  recordDigest: string;
  chainToken: string;
  logIndex: string;
  status: string;
  correctedBy: string;
  correctedAt: string;
  reason: string;
  documentNumber: string;
  reportScanId: string;
}

/** The corrected state of a record (presale_permit, status CORRECTED). */
export interface CorrectedRecord {
  presaleNumber: string;
  record: unknown;
  recordDigest: string;
  chainToken: string;
  logIndex: number;
  regionCode: string;
  projectCode: string;
  authorityKey: string;
  certificateKey: string;
}

/**
 * Statements of 补录 (presale_backfill with its presale_permit rows, versions of corrections) and the
 * staff reads of candidates and backfills. Writes take the caller's transaction.
 */
@Injectable()
export class BackfillRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Rows of the given numbers, locked (FOR UPDATE of the backfill and the permit) when `lock`. */
  load(manager: EntityManager, presaleNumbers: string[], lock: boolean): Promise<BackfillRow[]> {
    return manager.query(
      `SELECT ${BACKFILL_COLUMNS} FROM ${BACKFILL_FROM} WHERE b.sandbox = false AND b.presale_number = ANY($1::text[]) ORDER BY p.presale_number ${lock ? 'FOR UPDATE OF b, p' : ''}`,
      [presaleNumbers],
    );
  }

  async insertDraft(
    manager: EntityManager,
    presaleNumber: string,
    backfilledBy: string,
    scanId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO presale_backfill (sandbox, presale_number, state, backfilled_by, scan_id) VALUES (false, $1, 'DRAFT', $2, $3)`,
      [presaleNumber, backfilledBy, scanId],
    );
  }

  /** The caller's most recent DRAFT that is not withdrawn, locked. */
  async lastDraftNumber(manager: EntityManager, backfilledBy: string): Promise<string | undefined> {
    const last: Array<{ presale_number: string }> = await manager.query(
      `SELECT presale_number FROM presale_backfill WHERE sandbox = false AND backfilled_by = $1 AND state = 'DRAFT' AND withdrawn_at IS NULL
       ORDER BY created_at DESC, presale_number DESC LIMIT 1 FOR UPDATE`,
      [backfilledBy],
    );
    return last[0]?.presale_number;
  }

  /** Retires a DRAFT: the record WITHDRAWN, the backfill stamped with the time. */
  async withdraw(manager: EntityManager, presaleNumber: string, withdrawnAt: string): Promise<void> {
    await manager.query(
      `UPDATE presale_permit SET status = 'WITHDRAWN' WHERE sandbox = false AND presale_number = $1`,
      [presaleNumber],
    );
    await manager.query(`UPDATE presale_backfill SET withdrawn_at = $2 WHERE sandbox = false AND presale_number = $1`, [
      presaleNumber,
      withdrawnAt,
    ]);
  }

  async submit(manager: EntityManager, presaleNumbers: string[], submittedBy: string): Promise<void> {
    await manager.query(
      `UPDATE presale_backfill SET state = 'SUBMITTED', submitted_by = $2, submitted_at = now() WHERE sandbox = false AND presale_number = ANY($1::text[])`,
      [presaleNumbers, submittedBy],
    );
  }

  /** Keeps the replaced version, numbered after the record's previous versions. */
  async insertVersion(manager: EntityManager, v: ReplacedVersion): Promise<void> {
    await manager.query(
      `INSERT INTO presale_permit_version (sandbox, presale_number, version, record, record_digest, chain_token, log_index, status, corrected_by, corrected_at, reason, document_number, report_scan_id)
         SELECT false, $1, COALESCE(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 FROM presale_permit_version WHERE sandbox = false AND presale_number = $1`,
      [
        v.presaleNumber,
        JSON.stringify(v.record),
        v.recordDigest,
        v.chainToken,
        v.logIndex,
        v.status,
        v.correctedBy,
        v.correctedAt,
        v.reason,
        v.documentNumber,
        v.reportScanId,
      ],
    );
  }

  /** The record re-signed as CORRECTED; its link rows are dropped (written again from the new record). */
  async updateCorrected(manager: EntityManager, c: CorrectedRecord): Promise<void> {
    await manager.query(
      `UPDATE presale_permit SET record = $2, record_digest = $3, chain_token = $4, log_index = $5, status = 'CORRECTED', region_code = $6, project_code = $7,
           authority_key = $8, certificate_key = $9
         WHERE sandbox = false AND presale_number = $1`,
      [
        c.presaleNumber,
        JSON.stringify(c.record),
        c.recordDigest,
        c.chainToken,
        c.logIndex,
        c.regionCode,
        c.projectCode,
        c.authorityKey,
        c.certificateKey,
      ],
    );
    await manager.query(`DELETE FROM presale_permit_unit WHERE sandbox = false AND presale_number = $1`, [
      c.presaleNumber,
    ]);
    await manager.query(`DELETE FROM presale_permit_link WHERE sandbox = false AND presale_number = $1`, [
      c.presaleNumber,
    ]);
  }

  /** Candidate projects (marked PRESALE, in the caller's regions): the page, their permits and the Z records of those. */
  async candidates(f: CandidateFilter): Promise<{
    total: number;
    projects: CandidateProjectRow[];
    permits: CandidatePermitRow[];
    backfilled: BackfilledOfPermitRow[];
  }> {
    const where = new Where();
    where.add(() => `r.project_type = 'PRESALE'`);
    where.add((p) => `r.region_code LIKE ANY(${p(regionPatterns(f.regions))}::text[])`);
    if (f.regionCode) where.add((p) => `r.region_code LIKE ${p(regionPatterns([f.regionCode!])[0])}`);
    if (f.keyword)
      where.add((p) => {
        const k = p(likeContains(f.keyword!));
        return `(r.project_name ILIKE ${k} OR r.project_code ILIKE ${k} OR r.permit_number LIKE ${k})`;
      });
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(DISTINCT r.project_code)::int AS total FROM permit_replica r ${where}`,
      where.params,
    )) as Array<{ total: number }>;
    const projects: CandidateProjectRow[] = await this.dataSource.query(
      `SELECT r.project_code, min(r.project_name) AS project_name, min(r.region_code) AS region_code FROM permit_replica r ${where}
       GROUP BY r.project_code ORDER BY ${orderBy(f.sort, CANDIDATE_SORT_COLUMNS, 'r.project_code', 'r.project_code')} LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      where.params,
    );
    const codes = projects.map((p) => p.project_code);
    const permits: CandidatePermitRow[] = await this.dataSource.query(
      `SELECT permit_number, to_char(issue_date, 'YYYY-MM-DD') AS issue_date, project_code FROM permit_replica
       WHERE project_code = ANY($1::text[]) AND project_type = 'PRESALE' AND region_code LIKE ANY($2::text[]) ORDER BY permit_number`,
      [codes, regionPatterns(f.regions)],
    );
    const backfilled: BackfilledOfPermitRow[] = await this.dataSource.query(
      `SELECT l.permit_number, p.presale_number, p.record->>'issueDate' AS issue_date, b.state, p.status
       FROM presale_permit_link l JOIN presale_permit p ON p.sandbox = l.sandbox AND p.presale_number = l.presale_number
       JOIN presale_backfill b ON b.sandbox = p.sandbox AND b.presale_number = p.presale_number
       WHERE l.sandbox = false AND p.letter = 'Z' AND l.permit_number = ANY($1::text[]) ORDER BY p.presale_number`,
      [permits.map((p) => p.permit_number)],
    );
    return { total, projects, permits, backfilled };
  }

  /** Backfilled permits in the caller's regions, newest first. */
  async list(f: BackfillListFilter): Promise<{ total: number; rows: BackfillRow[] }> {
    const where = new Where();
    where.add(() => `b.sandbox = false`);
    where.add((p) => `p.region_code LIKE ANY(${p(regionPatterns(f.regions))}::text[])`);
    if (f.regionCode) where.add((p) => `p.region_code LIKE ${p(regionPatterns([f.regionCode!])[0])}`);
    if (f.state) where.add((p) => `b.state = ${p(f.state)}`);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${BACKFILL_FROM} ${where}`,
      where.params,
    )) as Array<{ total: number }>;
    const rows: BackfillRow[] = await this.dataSource.query(
      `SELECT ${BACKFILL_COLUMNS} FROM ${BACKFILL_FROM} ${where} ORDER BY b.created_at DESC, p.presale_number DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      where.params,
    );
    return { total, rows };
  }
}
