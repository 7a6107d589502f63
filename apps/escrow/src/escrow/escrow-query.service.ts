import { pageOf, regionCondition } from '@hn/persistence';
import { Injectable } from '@nestjs/common';
import {
  EscrowGetRequestV1,
  EscrowListItemV1,
  EscrowListRequestV1,
  EscrowPageV1,
  EscrowRecordV1,
  EscrowVersionsV1,
  Principal,
} from '@hn/messages';
import { assertRegionAllowed, assertStaff, regionOf } from '@hn/auth';
import { parsePresaleNumber, regionPrefixes } from '@hn/numbering';
import { DataSource } from 'typeorm';
import { EscrowErrors } from './escrow.errors';
import {
  RECORD_COLUMNS,
  RECORD_FROM,
  RecordRow,
  rowToRecord,
  rowToVersion,
  VERSION_COLUMNS,
  VERSION_FROM,
  VersionRow,
} from './escrow-row';

interface ListRow extends RecordRow {
  p_presale_number: string;
  p_region_code: string;
  p_project_name: string;
  developer_name: string;
  issue_date: string;
  has_record: boolean;
}

/** Reads of 资金监管信息: backfilled presale permits of the caller's regions with their records, and versions. */
@Injectable()
export class EscrowQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal, request: EscrowListRequestV1): Promise<EscrowPageV1> {
    assertStaff(principal);
    const { page, pageSize, offset } = pageOf(request);
    const params: unknown[] = [regionPrefixes(principal.regions)];
    const where = [regionCondition('p.region_code', 1)];
    const regionCode = request?.regionCode;
    if (regionCode !== undefined && regionCode !== null && regionCode !== '') {
      if (typeof regionCode !== 'string' || !/^\d{6}$/.test(regionCode))
        throw EscrowErrors.incomplete([{ field: 'regionCode', reason: '区划代码须为 6 位数字 (6-digit region code)' }]);
      assertRegionAllowed(principal, regionCode, { field: 'regionCode' });
      params.push(regionPrefixes([regionCode]));
      where.push(regionCondition('p.region_code', params.length));
    }
    const state = request?.state;
    if (state !== undefined && state !== null) {
      if (state === 'NONE') where.push('e.presale_number IS NULL');
      else if (state === 'DRAFT' || state === 'SUBMITTED') {
        params.push(state);
        where.push(`e.state = $${params.length}`);
      } else
        throw EscrowErrors.incomplete([
          { field: 'state', reason: '状态须为 DRAFT、SUBMITTED 或 NONE (DRAFT|SUBMITTED|NONE)' },
        ]);
    }
    const from = `presale_replica p LEFT JOIN escrow_record e ON e.presale_number = p.presale_number LEFT JOIN escrow_scan s ON s.id = e.commitment_letter_scan_id`;
    const condition = where.join(' AND ');
    const [rows, counted] = await Promise.all([
      this.dataSource.query(
        `SELECT ${RECORD_COLUMNS}, p.presale_number AS p_presale_number, p.region_code AS p_region_code, p.project_name AS p_project_name, p.developer_name,
           to_char(p.issue_date, 'YYYY-MM-DD') AS issue_date, e.presale_number IS NOT NULL AS has_record
         FROM ${from} WHERE ${condition} ORDER BY p.issue_date DESC, p.presale_number LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ) as Promise<ListRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS total FROM ${from} WHERE ${condition}`, params) as Promise<
        Array<{ total: number }>
      >,
    ]);
    const items: EscrowListItemV1[] = rows.map((r) => ({
      presaleNumber: r.p_presale_number,
      regionCode: r.p_region_code,
      projectName: r.p_project_name,
      developerName: r.developer_name,
      issueDate: r.issue_date,
      record: r.has_record ? rowToRecord(r) : null,
    }));
    return { items, page, pageSize, total: counted[0]?.total ?? 0 };
  }

  /** The current record; 404 PRESALE_NOT_FOUND for an unknown permit, ESCROW_NOT_FOUND without a record. */
  async get(principal: Principal, request: EscrowGetRequestV1): Promise<EscrowRecordV1> {
    const presaleNumber = await this.checkPresale(principal, request?.presaleNumber);
    const rows: RecordRow[] = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM ${RECORD_FROM} WHERE e.presale_number = $1`,
      [presaleNumber],
    );
    if (!rows[0]) throw EscrowErrors.notFound([presaleNumber]);
    return rowToRecord(rows[0]);
  }

  /** Every version ever entered, oldest first (withdrawn ones marked, corrections with their report). */
  async versions(principal: Principal, request: EscrowGetRequestV1): Promise<EscrowVersionsV1> {
    const presaleNumber = await this.checkPresale(principal, request?.presaleNumber);
    const rows: VersionRow[] = await this.dataSource.query(
      `SELECT ${VERSION_COLUMNS} FROM ${VERSION_FROM} WHERE v.presale_number = $1 ORDER BY v.version`,
      [presaleNumber],
    );
    return { presaleNumber, versions: rows.map(rowToVersion) };
  }

  private async checkPresale(principal: Principal, presaleNumber: unknown): Promise<string> {
    assertStaff(principal);
    if (typeof presaleNumber !== 'string' || parsePresaleNumber(presaleNumber) === null)
      throw EscrowErrors.invalidNumber(presaleNumber);
    assertRegionAllowed(principal, regionOf(presaleNumber), {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    const rows: Array<{ region_code: string }> = await this.dataSource.query(
      `SELECT region_code FROM presale_replica WHERE presale_number = $1`,
      [presaleNumber],
    );
    if (!rows[0]) throw EscrowErrors.presaleNotFound(presaleNumber);
    assertRegionAllowed(principal, rows[0].region_code, {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    return presaleNumber;
  }
}
