import { pageOf } from '@hn/persistence';
import { Inject, Injectable } from '@nestjs/common';
import {
  FieldError,
  MarkingListRequestV1,
  MarkingPageV1,
  MarkingRowV1,
  Principal,
  ProjectType,
  SupervisionStateV1,
} from '@hn/messages';
import { isIsoDate, regionPrefix } from '@hn/numbering';
import { DataSource } from 'typeorm';
import { PERMITS_CONFIG, PermitsConfig } from '../config/permits.config';
import { regionFilter } from '../construction-permits/region-scope';
import { assertRegionAllowed, assertStaff } from '@hn/auth';
import { isFilterType, MARKING_PROJECT_CATEGORY, MARKING_WORKS_CATEGORY } from './marking-access';
import { MarkingErrors } from './marking.errors';

interface ListRow {
  permit_number: string;
  project_code: string;
  project_name: string;
  region_code: string;
  project_type: ProjectType | null;
  marking_state: SupervisionStateV1 | null;
  marked_by: string | null;
  issue_date: string;
  start_date: string | null;
  planned_completion_date: string | null;
  five_party_acceptance_date: string | null;
  completion_filing_date: string | null;
}

/** Counted exactly up to here, reported as a lower bound beyond (a county's list is well below it). */
const COUNT_CAP = 10_000;
const EFFECTIVE_TYPE = `CASE WHEN pm.state = 'DRAFT' THEN pm.marked_type ELSE p.project_type END`;

/**
 * The marking list (存量预售项目标记): "recent" 社会投资房建类 permits, i.e. project category
 * 社会投资房建类, works category 01 (一般工业与民用建筑) and issued on or after PERMITS_MARKING_SINCE
 * (default 2015-01-01) unless the caller sets issueDateFrom (人工调整筛选条件). One row per permit,
 * a project's permits together (by project code, newest codes first), inside the caller's regions.
 */
@Injectable()
export class MarkingQueryService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PERMITS_CONFIG) private readonly config: Pick<PermitsConfig, 'markingSince'>,
  ) {}

  async list(principal: Principal, request: MarkingListRequestV1): Promise<MarkingPageV1> {
    assertStaff(principal);
    const { page, pageSize, offset } = pageOf(request);
    const errors: FieldError[] = [];
    const params: unknown[] = [MARKING_PROJECT_CATEGORY];
    // the works category is written out (not a parameter) so the partial index construction_permit_marking_idx applies
    const where = [`right(c.permit_number::text, 2) = '${MARKING_WORKS_CATEGORY}'`, `p.category = $1`];
    const add = (sql: (n: string) => string, value: unknown): void => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const scope = regionFilter(principal);
    if (!scope.all) {
      params.push(scope.counties, scope.cityPrefixes);
      where.push(
        `(c.region_code = ANY($${params.length - 1}::text[]) OR left(c.region_code, 4) = ANY($${params.length}::text[]))`,
      );
    }
    const given = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

    const regionCode = request?.regionCode;
    if (given(regionCode)) {
      if (typeof regionCode !== 'string' || !/^43\d{4}$/.test(regionCode))
        errors.push({ field: 'regionCode', reason: '区划代码须为 6 位湖南省代码 (6-digit Hunan region code)' });
      else {
        assertRegionAllowed(principal, regionCode, { field: 'regionCode' });
        const prefix = regionPrefix(regionCode);
        add(
          (n) => (prefix.length < 6 ? `left(c.region_code, ${prefix.length}) = ${n}` : `c.region_code = ${n}`),
          prefix,
        );
      }
    }
    const from = given(request?.issueDateFrom) ? request.issueDateFrom : this.config.markingSince;
    if (!isIsoDate(String(from)))
      errors.push({ field: 'issueDateFrom', reason: '日期格式应为 YYYY-MM-DD (date as YYYY-MM-DD)' });
    else add((n) => `c.issue_date >= ${n}::date`, from);
    if (given(request?.issueDateTo)) {
      if (!isIsoDate(String(request.issueDateTo)))
        errors.push({ field: 'issueDateTo', reason: '日期格式应为 YYYY-MM-DD (date as YYYY-MM-DD)' });
      else if (String(request.issueDateTo) < String(from))
        errors.push({ field: 'issueDateTo', reason: '截止日期不能早于起始日期 (before issueDateFrom)' });
      else add((n) => `c.issue_date <= ${n}::date`, request.issueDateTo);
    }
    if (given(request?.projectType)) {
      if (!isFilterType(request.projectType))
        errors.push({ field: 'projectType', reason: '须为 PRESALE、CURRENT_SALE、OTHER 或 UNMARKED' });
      else if (request.projectType === 'UNMARKED') where.push(`${EFFECTIVE_TYPE} IS NULL`);
      else add((n) => `${EFFECTIVE_TYPE} = ${n}`, request.projectType);
    }
    if (given(request?.keyword)) {
      const keyword = typeof request.keyword === 'string' ? request.keyword.trim() : '';
      if (keyword.length < 1 || keyword.length > 100)
        errors.push({ field: 'keyword', reason: '关键字须为 1–100 字 (1..100 characters)' });
      else
        add(
          (n) => `(c.project_name ILIKE ${n} OR c.permit_number LIKE ${n} OR c.project_code ILIKE ${n})`,
          `%${keyword.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
        );
    }
    if (errors.length > 0) throw MarkingErrors.invalid(errors);

    const fromSql = `FROM construction_permit c JOIN project p ON p.project_code = c.project_code LEFT JOIN project_marking pm ON pm.project_code = c.project_code WHERE ${where.join(' AND ')}`;
    const [rows, counted] = await Promise.all([
      this.dataSource.query(
        `SELECT c.permit_number, c.project_code, c.project_name, c.region_code, ${EFFECTIVE_TYPE} AS project_type, pm.state AS marking_state, pm.marked_by,
                c.issue_date, c.start_date, c.planned_completion_date, c.five_party_acceptance_date, c.completion_filing_date
         ${fromSql} ORDER BY c.project_code DESC, c.issue_date DESC, c.permit_number LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ) as Promise<ListRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM (SELECT 1 ${fromSql} LIMIT ${COUNT_CAP + 1}) t`,
        params,
      ) as Promise<Array<{ total: number }>>,
    ]);
    const total = counted[0]?.total ?? 0;
    return {
      items: rows.map(toRow),
      page,
      pageSize,
      total: Math.min(total, COUNT_CAP),
      ...(total > COUNT_CAP ? { totalIsLowerBound: true } : {}),
    };
  }
}

function toRow(r: ListRow): MarkingRowV1 {
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
