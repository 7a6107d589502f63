import { pageOf } from '@hn/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { sortOrder } from '@hn/errors';
import { MARKING_LIST_SORT, MarkingListRequestV1, MarkingPageV1, MarkingRowV1, Principal } from '@hn/messages';
import { regionPrefix } from '@hn/numbering';
import { PERMITS_CONFIG, PermitsConfig } from '../config/permits.config';
import { regionFilter } from '../construction-permits/region-scope';
import { assertRegionAllowed, assertStaff } from '@hn/auth';
import { MARKING_PROJECT_CATEGORY, MARKING_WORKS_CATEGORY } from './marking-access';
import { MarkingErrors } from './marking.exception';
import { MarkingListFilter, MarkingListRow, MarkingRepository } from './marking.repository';

/** Counted exactly up to here, reported as a lower bound beyond (a county's list is well below it). */
const COUNT_CAP = 10_000;

/**
 * The marking list (存量预售项目标记): "recent" 社会投资房建类 permits, i.e. project category
 * 社会投资房建类, works category 01 (一般工业与民用建筑) and issued on or after PERMITS_MARKING_SINCE
 * (default 2015-01-01) unless the caller sets issueDateFrom (人工调整筛选条件). One row per permit,
 * a project's permits together (by project code, newest codes first), inside the caller's regions.
 */
@Injectable()
export class MarkingQueryService {
  constructor(
    private readonly repository: MarkingRepository,
    @Inject(PERMITS_CONFIG) private readonly config: Pick<PermitsConfig, 'markingSince'>,
  ) {}

  async list(principal: Principal, request: MarkingListRequestV1): Promise<MarkingPageV1> {
    assertStaff(principal);
    const { page, pageSize, offset } = pageOf(request);
    const sort = await sortOrder(MARKING_LIST_SORT, request.sort);
    const filter: MarkingListFilter = {
      projectCategory: MARKING_PROJECT_CATEGORY,
      worksCategory: MARKING_WORKS_CATEGORY,
      scope: regionFilter(principal),
      pageSize,
      offset,
      countCap: COUNT_CAP,
      sort,
    };
    // the formats of every filter: MarkingListQuery, applied by @RpcHandler(Rpc.markingList) as at the gateway
    const { regionCode, issueDateTo, projectType, keyword } = request;
    if (regionCode) {
      assertRegionAllowed(principal, regionCode, { field: 'regionCode' });
      filter.regionPrefix = regionPrefix(regionCode);
    }
    const from = request.issueDateFrom ?? this.config.markingSince;
    filter.issueDateFrom = from;
    if (issueDateTo) {
      // against the configured start when issueDateFrom is absent: here, not in the class
      if (issueDateTo < from)
        throw MarkingErrors.invalid([
          { field: 'issueDateTo', reason: '截止日期不能早于起始日期 (before issueDateFrom)' },
        ]);
      filter.issueDateTo = issueDateTo;
    }
    if (projectType) filter.projectType = projectType;
    if (keyword) filter.keyword = keyword;

    const { rows, counted: total } = await this.repository.list(filter);
    return {
      items: rows.map(toRow),
      page,
      pageSize,
      total: Math.min(total, COUNT_CAP),
      ...(total > COUNT_CAP ? { totalIsLowerBound: true } : {}),
    };
  }
}

function toRow(r: MarkingListRow): MarkingRowV1 {
  return {
    permitNumber: r.permit_number,
    projectCode: r.project_code,
    projectName: r.project_name,
    regionCode: r.region_code,
    projectType: r.project_type,
    markingState: r.marking_state,
    markedBy: r.marked_by,
    issueDate: r.issue_date,
    startDate: r.start_date,
    plannedCompletionDate: r.planned_completion_date,
    accepted: r.completion_filing_date !== null,
    actualCompletionDate: r.completion_filing_date ?? r.five_party_acceptance_date,
  };
}
