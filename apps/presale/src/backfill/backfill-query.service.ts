import { Injectable } from '@nestjs/common';
import { assertStaff, StaffScopes } from '@hn/auth';
import {
  BACKFILL_CANDIDATE_SORT,
  BackfillCandidateListRequestV1,
  BackfillCandidatePageV1,
  BackfillCandidateV1,
  BackfillListRequestV1,
  BackfillPageV1,
  Principal,
} from '@hn/messages';
import { sortOrder } from '@hn/errors';
import { assertRegionFilter } from '../scans/staff-scope';
import { backfillOf } from './backfill-rows';
import { BackfillRepository } from './backfill.repository';

/** Reads for backfill staff: candidate projects (marked PRESALE) and backfilled permits, region-scoped in SQL. */
@Injectable()
export class BackfillQueryService {
  constructor(private readonly backfills: BackfillRepository) {}

  async candidates(principal: Principal, body: BackfillCandidateListRequestV1): Promise<BackfillCandidatePageV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionRead });
    // page, regionCode and keyword: BackfillCandidateQuery, applied by @RpcHandler(Rpc.backfillCandidates) as at
    // the gateway; then the sort, as the gateway checks it after the class
    const { page, pageSize } = body;
    const sort = await sortOrder(BACKFILL_CANDIDATE_SORT, body.sort);
    const regionCode = body.regionCode || undefined;
    const keyword = body.keyword?.trim() || undefined;
    assertRegionFilter(principal, regionCode);
    const { total, projects, permits, backfilled } = await this.backfills.candidates({
      regions: principal.regions,
      regionCode,
      keyword,
      page,
      pageSize,
      sort,
    });
    const projectOfPermit = new Map(permits.map((p) => [p.permit_number, p.project_code]));
    const items: BackfillCandidateV1[] = projects.map((p) => ({
      projectCode: p.project_code,
      projectName: p.project_name,
      regionCode: p.region_code,
      permits: [],
      backfilled: [],
    }));
    const byCode = new Map(items.map((i) => [i.projectCode, i]));
    for (const permit of permits)
      byCode
        .get(permit.project_code)
        ?.permits.push({ permitNumber: permit.permit_number, issueDate: permit.issue_date });
    for (const b of backfilled) {
      const item = byCode.get(projectOfPermit.get(b.permit_number) ?? '');
      if (item && !item.backfilled.some((x) => x.presaleNumber === b.presale_number)) {
        item.backfilled.push({
          presaleNumber: b.presale_number,
          issueDate: b.issue_date,
          backfillState: b.state,
          status: b.status,
        });
      }
    }
    return { items, page, pageSize, total };
  }

  async list(principal: Principal, body: BackfillListRequestV1): Promise<BackfillPageV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionRead });
    // page, regionCode and state: BackfillListQuery, applied by @RpcHandler(Rpc.backfillList) as at the gateway
    const { page, pageSize, state } = body;
    const regionCode = body.regionCode || undefined;
    assertRegionFilter(principal, regionCode);
    const { total, rows } = await this.backfills.list({
      regions: principal.regions,
      regionCode,
      state,
      page,
      pageSize,
    });
    return { items: rows.map(backfillOf), page, pageSize, total };
  }
}
