import { Injectable } from '@nestjs/common';
import { ESCROW_LIST_SORT, EscrowRecordInputV1, ScanRefV1, SortOrder } from '@hn/messages';
import { orderBy, regionCondition } from '@hn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { ListRow, RecordRow, VersionRow } from './escrow-row';
import {
  DELETE_RECORD,
  INSERT_SCAN,
  INSERT_VERSION,
  LIST_COLUMNS,
  LIST_FROM,
  LOCK_RECORDS,
  RESTORE_PREVIOUS_VERSION,
  SELECT_PRESALE,
  SELECT_PRESALE_REGION,
  SELECT_RECORD,
  SELECT_RECORDS,
  SELECT_VERSIONS,
  SUBMIT_CURRENT_VERSIONS,
  SUBMIT_RECORDS,
  UPSERT_RECORD,
  WITHDRAW_VERSION,
} from './escrow.sql';

/** The backfilled presale permit a record belongs to (presale_replica). */
export interface PresaleRow {
  region_code: string;
  issue_date: string;
}

/** The fields of a new version (escrow_record_version) and of the current record it becomes. */
export interface VersionValues {
  input: EscrowRecordInputV1;
  commitmentLetterScanId: string | null;
  enteredBy: string;
  correction?: { reason: string; documentNumber: string; reportScanId: string };
}

/** Filter of the permit list: region prefixes (one array per bound condition) and record state. */
export interface ListFilter {
  regionPrefixes: string[][];
  state?: 'NONE' | 'DRAFT' | 'SUBMITTED';
  sort?: SortOrder<EscrowSortField>;
}

type EscrowSortField = (typeof ESCROW_LIST_SORT.fields)[number];

/** The column of each sortable field of the list (permit p, record e). */
const SORT_COLUMNS: Record<EscrowSortField, string> = {
  presaleNumber: 'p.presale_number',
  projectName: 'p.project_name',
  regionCode: 'p.region_code',
  issueDate: 'p.issue_date',
  updatedAt: 'e.updated_at',
};

/**
 * SQL of 资金监管信息. Hand-written statements (upserts, advisory locks, version numbering in one
 * statement) say it better than the ORM. A method taking an EntityManager runs in the caller's
 * transaction; the reads without one run on the pool.
 */
@Injectable()
export class EscrowRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The pool's manager, for reads outside any transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Serialises changes of the same records (numbers sorted: concurrent submits cannot deadlock). */
  async lock(m: EntityManager, presaleNumbers: string[]): Promise<void> {
    await m.query(LOCK_RECORDS, [[...presaleNumbers].sort()]);
  }

  async findPresale(m: EntityManager, presaleNumber: string): Promise<PresaleRow | undefined> {
    const rows: PresaleRow[] = await m.query(SELECT_PRESALE, [presaleNumber]);
    return rows[0];
  }

  async findPresaleRegion(presaleNumber: string): Promise<string | undefined> {
    const rows: Array<{ region_code: string }> = await this.dataSource.query(SELECT_PRESALE_REGION, [presaleNumber]);
    return rows[0]?.region_code;
  }

  async findRecord(m: EntityManager, presaleNumber: string): Promise<RecordRow | undefined> {
    const rows: RecordRow[] = await m.query(SELECT_RECORD, [presaleNumber]);
    return rows[0];
  }

  /** The records of the numbers that have one, by presale number. */
  findRecords(m: EntityManager, presaleNumbers: string[]): Promise<RecordRow[]> {
    return m.query(SELECT_RECORDS, [presaleNumbers]);
  }

  findVersions(presaleNumber: string): Promise<VersionRow[]> {
    return this.dataSource.query(SELECT_VERSIONS, [presaleNumber]);
  }

  /** One page of backfilled permits with their records, newest issue first, and the total. */
  async list(filter: ListFilter, pageSize: number, offset: number): Promise<{ rows: ListRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    for (const prefixes of filter.regionPrefixes) {
      params.push(prefixes);
      where.push(regionCondition('p.region_code', params.length));
    }
    if (filter.state === 'NONE') where.push('e.presale_number IS NULL');
    else if (filter.state) {
      params.push(filter.state);
      where.push(`e.state = $${params.length}`);
    }
    const condition = where.join(' AND ');
    const [rows, counted] = await Promise.all([
      this.dataSource.query(
        `SELECT ${LIST_COLUMNS}
         FROM ${LIST_FROM} WHERE ${condition} ORDER BY ${orderBy(filter.sort, SORT_COLUMNS, 'p.presale_number', 'p.issue_date DESC, p.presale_number')} LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ) as Promise<ListRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${LIST_FROM} WHERE ${condition}`, params) as Promise<
        Array<{ total: number }>
      >,
    ]);
    return { rows, total: counted[0]?.total ?? 0 };
  }

  async withdrawVersion(m: EntityManager, presaleNumber: string, version: number, by: string): Promise<void> {
    await m.query(WITHDRAW_VERSION, [presaleNumber, version, by]);
  }

  /** Makes the previous live version current; false when there is none. */
  async restorePreviousVersion(m: EntityManager, presaleNumber: string, version: number): Promise<boolean> {
    const restored = (await m.query(RESTORE_PREVIOUS_VERSION, [presaleNumber, version])) as [unknown[], number];
    return restored[1] !== 0;
  }

  async deleteRecord(m: EntityManager, presaleNumber: string): Promise<void> {
    await m.query(DELETE_RECORD, [presaleNumber]);
  }

  /** Locks the records and marks their current versions submitted. */
  async markSubmitted(m: EntityManager, presaleNumbers: string[], by: string): Promise<void> {
    await m.query(SUBMIT_RECORDS, [presaleNumbers, by]);
    await m.query(SUBMIT_CURRENT_VERSIONS, [presaleNumbers]);
  }

  /**
   * Appends the next version and makes it current. A correction keeps the record SUBMITTED and its
   * version is marked submitted at once; other versions are drafts.
   */
  async writeVersion(m: EntityManager, presaleNumber: string, regionCode: string, v: VersionValues): Promise<void> {
    const i = v.input;
    const [{ version }] = (await m.query(INSERT_VERSION, [
      presaleNumber,
      i.capitalGuaranteeAmount,
      i.commitmentLetter,
      v.commitmentLetterScanId,
      i.fundSupervision,
      i.bank,
      i.account,
      i.balance,
      i.balanceAsOf,
      v.enteredBy,
      v.correction?.reason ?? null,
      v.correction?.documentNumber ?? null,
      v.correction?.reportScanId ?? null,
    ])) as Array<{ version: number }>;
    await m.query(UPSERT_RECORD, [
      presaleNumber,
      regionCode,
      i.capitalGuaranteeAmount,
      i.commitmentLetter,
      v.commitmentLetterScanId,
      i.fundSupervision,
      i.bank,
      i.account,
      i.balance,
      i.balanceAsOf,
      version,
      v.enteredBy,
    ]);
  }

  /** Stores scan bytes in the caller's transaction; the new scan's id. */
  async insertScan(
    m: EntityManager,
    presaleNumber: string,
    kind: 'COMMITMENT_LETTER' | 'CORRECTION_REPORT',
    ref: ScanRefV1,
    bytes: Buffer,
    uploadedBy: string,
  ): Promise<string> {
    const [{ id }] = (await m.query(INSERT_SCAN, [
      presaleNumber,
      kind,
      ref.sha256,
      ref.contentType,
      bytes.byteLength,
      ref.fileName,
      bytes,
      uploadedBy,
    ])) as Array<{ id: string }>;
    return id;
  }
}
