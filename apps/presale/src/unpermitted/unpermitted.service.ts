import { Injectable } from '@nestjs/common';
import { assertRegionAllowed, assertStaff, StaffScopes } from '@hn/auth';
import {
  PresaleBackfillEvents,
  Principal,
  UnpermittedPresaleListRequestV1,
  UnpermittedPresalePageV1,
  UnpermittedPresaleProjectV1,
  UnpermittedPresaleRegisteredV1,
  UnpermittedPresaleRegisterRequestV1,
} from '@hn/messages';
import { chinaToday } from '@hn/numbering';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PresaleErrors } from '../issuance/presale.exception';
import { SCAN_COLUMNS, ScanRow, ScanStore, storedScanOf } from '../scans/scan-store';
import {
  assertRegionFilter,
  likeContains,
  optionalRegion,
  optionalText,
  pageOf,
  regionPatterns,
} from '../scans/staff-scope';
import { validateUnpermittedSubmission } from './unpermitted-submission.validator';

interface ProjectRow extends ScanRow {
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

function projectOf(r: ProjectRow): UnpermittedPresaleProjectV1 {
  return {
    id: r.id,
    projectName: r.project_name,
    regionCode: r.region_code,
    developer: { name: r.developer_name, creditCode: r.developer_credit_code },
    localCertificateNumber: r.local_certificate_number,
    issueDate: r.issue_date,
    ...(r.address ? { address: r.address } : {}),
    registeredBy: r.registered_by,
    registeredAt: new Date(r.registered_at).toISOString(),
    scan: storedScanOf(r),
  };
}

const COLUMNS = `u.id, u.project_name, u.region_code, u.developer_name, u.developer_credit_code, u.local_certificate_number, to_char(u.issue_date, 'YYYY-MM-DD') AS issue_date, u.address, u.registered_by, u.registered_at, ${SCAN_COLUMNS}`;

/**
 * 已办理预售许可但未办理施工许可的项目: staff register them with the certificate scan (one
 * transaction: scan, record, outbox event hn.presale.unpermitted-project.registered.v1 for alerts).
 */
@Injectable()
export class UnpermittedPresaleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scans: ScanStore,
  ) {}

  async register(
    principal: Principal,
    request: UnpermittedPresaleRegisterRequestV1,
  ): Promise<UnpermittedPresaleProjectV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionWrite });
    const s = request?.submission;
    const errors = validateUnpermittedSubmission(s, chinaToday());
    if (errors.length > 0) throw PresaleErrors.incomplete(errors);
    assertRegionAllowed(principal, s.regionCode, { field: 'regionCode' });
    const bytes = await this.scans.take(request.scan, 'scan');
    return this.dataSource.transaction(async (manager) => {
      const { id: scanId } = await this.scans.insert(manager, request.scan, bytes, principal.id);
      const id = randomUUID();
      await manager.query(
        `INSERT INTO unpermitted_presale_project (id, project_name, region_code, developer_name, developer_credit_code, local_certificate_number, issue_date, address, registered_by, scan_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          s.projectName.trim(),
          s.regionCode,
          s.developer.name.trim(),
          s.developer.creditCode,
          s.localCertificateNumber.trim(),
          s.issueDate,
          s.address?.trim() || null,
          principal.id,
          scanId,
        ],
      );
      const [row] = (await manager.query(
        `SELECT ${COLUMNS} FROM unpermitted_presale_project u JOIN scan_file s ON s.id = u.scan_id WHERE u.id = $1`,
        [id],
      )) as ProjectRow[];
      const project = projectOf(row!);
      await enqueueEvent<UnpermittedPresaleRegisteredV1>(manager, {
        source: '/hn/presale',
        type: PresaleBackfillEvents.unpermittedRegistered,
        subject: id,
        data: { project },
        correlationId: currentCorrelationId(),
      });
      return project;
    });
  }

  async list(principal: Principal, body: UnpermittedPresaleListRequestV1): Promise<UnpermittedPresalePageV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionRead });
    const { page, pageSize } = pageOf(body);
    const regionCode = optionalRegion(body?.regionCode);
    const keyword = optionalText(body?.keyword, 'keyword', 100);
    assertRegionFilter(principal, regionCode);
    const params: unknown[] = [regionPatterns(principal.regions)];
    let where = `u.region_code LIKE ANY($1::text[])`;
    if (regionCode) where += ` AND u.region_code LIKE $${params.push(regionPatterns([regionCode])[0])}`;
    if (keyword) {
      const k = `$${params.push(likeContains(keyword))}`;
      where += ` AND (u.project_name ILIKE ${k} OR u.developer_name ILIKE ${k} OR u.local_certificate_number ILIKE ${k})`;
    }
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM unpermitted_presale_project u WHERE ${where}`,
      params,
    )) as Array<{ total: number }>;
    const rows: ProjectRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM unpermitted_presale_project u JOIN scan_file s ON s.id = u.scan_id WHERE ${where} ORDER BY u.registered_at DESC, u.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    );
    return { items: rows.map(projectOf), page, pageSize, total };
  }
}
