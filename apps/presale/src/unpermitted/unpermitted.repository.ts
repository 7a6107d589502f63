import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ScanRow } from '../scans/scan-store';
import { SCAN_COLUMNS } from '../scans/scan.sql';
import { likeContains, PageRequest, regionPatterns } from '../scans/staff-scope';

export interface ProjectRow extends ScanRow {
  id: string;
  project_name: string;
  region_code: string;
  developer_name: string;
  developer_credit_code: string;
  local_certificate_number: string;
  issue_date: string;
  address: string | null;
  registered_by: string;
  registered_at: Date;
}

/** A registration as stored (text already trimmed). */
export interface NewUnpermittedProject {
  id: string;
  projectName: string;
  regionCode: string;
  developerName: string;
  developerCreditCode: string;
  localCertificateNumber: string;
  issueDate: string;
  address: string | null;
  registeredBy: string;
  scanId: string;
}

export interface UnpermittedFilter extends PageRequest {
  /** The caller's regions (region-scoped in SQL). */
  regions: readonly string[];
  regionCode?: string;
  keyword?: string;
}

const COLUMNS = `u.id, u.project_name, u.region_code, u.developer_name, u.developer_credit_code, u.local_certificate_number, to_char(u.issue_date, 'YYYY-MM-DD') AS issue_date, u.address, u.registered_by, u.registered_at, ${SCAN_COLUMNS}`;

/** Statements of the 已办预售未办施工许可 registry (unpermitted_presale_project with its scan). */
@Injectable()
export class UnpermittedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the project in the caller's transaction and reads it back with its scan. */
  async insert(manager: EntityManager, p: NewUnpermittedProject): Promise<ProjectRow> {
    await manager.query(
      `INSERT INTO unpermitted_presale_project (id, project_name, region_code, developer_name, developer_credit_code, local_certificate_number, issue_date, address, registered_by, scan_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        p.id,
        p.projectName,
        p.regionCode,
        p.developerName,
        p.developerCreditCode,
        p.localCertificateNumber,
        p.issueDate,
        p.address,
        p.registeredBy,
        p.scanId,
      ],
    );
    const [row] = (await manager.query(
      `SELECT ${COLUMNS} FROM unpermitted_presale_project u JOIN scan_file s ON s.id = u.scan_id WHERE u.id = $1`,
      [p.id],
    )) as ProjectRow[];
    return row!;
  }

  /** A page of projects in the caller's regions, newest first. */
  async list(f: UnpermittedFilter): Promise<{ total: number; rows: ProjectRow[] }> {
    const params: unknown[] = [regionPatterns(f.regions)];
    let where = `u.region_code LIKE ANY($1::text[])`;
    if (f.regionCode) where += ` AND u.region_code LIKE $${params.push(regionPatterns([f.regionCode])[0])}`;
    if (f.keyword) {
      const k = `$${params.push(likeContains(f.keyword))}`;
      where += ` AND (u.project_name ILIKE ${k} OR u.developer_name ILIKE ${k} OR u.local_certificate_number ILIKE ${k})`;
    }
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM unpermitted_presale_project u WHERE ${where}`,
      params,
    )) as Array<{ total: number }>;
    const rows: ProjectRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM unpermitted_presale_project u JOIN scan_file s ON s.id = u.scan_id WHERE ${where} ORDER BY u.registered_at DESC, u.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    );
    return { total, rows };
  }
}
