import { Injectable } from '@nestjs/common';
import { assertStaff, StaffScopes } from '@hn/auth';
import {
  BACKFILL_CANDIDATE_SORT,
  BackfillCandidateListRequestV1,
  BackfillCandidatePageV1,
  BackfillCandidateV1,
  BackfillListRequestV1,
  BackfillPageV1,
  ErrorCode,
  Principal,
} from '@hn/messages';
import { DomainException, sortOrder } from '@hn/errors';
import { assertRegionFilter, optionalRegion, optionalText, pageOf } from '../scans/staff-scope';
import { backfillOf } from './backfill-rows';
import { BackfillRepository } from './backfill.repository';

/** Reads for backfill staff: candidate projects (marked PRESALE) and backfilled permits, region-scoped in SQL. */
@Injectable()
export class BackfillQueryService {
  constructor(private readonly backfills: BackfillRepository) {}

  async candidates(principal: Principal, body: BackfillCandidateListRequestV1): Promise<BackfillCandidatePageV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionRead });
    const { page, pageSize } = pageOf(body);
    const sort = await sortOrder(BACKFILL_CANDIDATE_SORT, body?.sort);
    const regionCode = optionalRegion(body?.regionCode);
    const keyword = optionalText(body?.keyword, 'keyword', 100);
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
    const { page, pageSize } = pageOf(body);
    const regionCode = optionalRegion(body?.regionCode);
    assertRegionFilter(principal, regionCode);
    const state = body?.state;
    if (state !== undefined && state !== 'DRAFT' && state !== 'SUBMITTED') {
      throw new DomainException(
        422,
        ErrorCode.INCOMPLETE_SUBMISSION,
        'state 须为 DRAFT 或 SUBMITTED (DRAFT|SUBMITTED)',
        [{ field: 'state', reason: 'DRAFT|SUBMITTED' }],
      );
    }
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
