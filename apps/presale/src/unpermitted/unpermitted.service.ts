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
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ScanStore, storedScanOf } from '../scans/scan-store';
import { assertRegionFilter } from '../scans/staff-scope';
import { ProjectRow, UnpermittedRepository } from './unpermitted.repository';

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

/**
 * 已办理预售许可但未办理施工许可的项目: staff register them with the certificate scan (one
 * transaction: scan, record, outbox event hn.presale.unpermitted-project.registered.v1 for alerts).
 */
@Injectable()
export class UnpermittedPresaleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scans: ScanStore,
    private readonly projects: UnpermittedRepository,
  ) {}

  async register(
    principal: Principal,
    request: UnpermittedPresaleRegisterRequestV1,
  ): Promise<UnpermittedPresaleProjectV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionWrite });
    // payload rules: UnpermittedPresaleSubmission with its region rule, applied by
    // @RpcHandler(Rpc.unpermittedRegister) as the gateway applies them to the `data` part
    const s = request.submission;
    assertRegionAllowed(principal, s.regionCode, { field: 'regionCode' });
    const bytes = await this.scans.take(request.scan, 'scan');
    return this.dataSource.transaction(async (manager) => {
      const { id: scanId } = await this.scans.insert(manager, request.scan, bytes, principal.id);
      const id = randomUUID();
      const row = await this.projects.insert(manager, {
        id,
        projectName: s.projectName.trim(),
        regionCode: s.regionCode,
        developerName: s.developer.name.trim(),
        developerCreditCode: s.developer.creditCode,
        localCertificateNumber: s.localCertificateNumber.trim(),
        issueDate: s.issueDate,
        address: s.address?.trim() || null,
        registeredBy: principal.id,
        scanId,
      });
      const project = projectOf(row);
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
    // page, regionCode and keyword: BackfillKeywordQuery, applied by @RpcHandler(Rpc.unpermittedList) as at the gateway
    const { page, pageSize } = body;
    const regionCode = body.regionCode || undefined;
    const keyword = body.keyword?.trim() || undefined;
    assertRegionFilter(principal, regionCode);
    const { total, rows } = await this.projects.list({
      regions: principal.regions,
      regionCode,
      keyword,
      page,
      pageSize,
    });
    return { items: rows.map(projectOf), page, pageSize, total };
  }
}
