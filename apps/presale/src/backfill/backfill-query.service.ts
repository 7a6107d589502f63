import { Injectable } from '@nestjs/common';
import { assertStaff, StaffScopes } from '@hn/auth';
import {
  BackfillCandidateListRequestV1,
  BackfillCandidatePageV1,
  BackfillCandidateV1,
  BackfillListRequestV1,
  BackfillPageV1,
  ErrorCode,
  Principal,
  SupervisionStateV1,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { DataSource } from 'typeorm';
import {
  assertRegionFilter,
  likeContains,
  optionalRegion,
  optionalText,
  pageOf,
  regionPatterns,
} from '../scans/staff-scope';
import { BACKFILL_COLUMNS, BACKFILL_FROM, BackfillRow, backfillOf } from './backfill-rows';

/** SQL conditions built with numbered parameters. */
class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];
  add(sql: (p: (value: unknown) => string) => string): void {
    this.parts.push(sql((value) => `$${this.params.push(value)}`));
  }
  toString(): string {
    return this.parts.length > 0 ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** Reads for backfill staff: candidate projects (marked PRESALE) and backfilled permits, region-scoped in SQL. */
@Injectable()
export class BackfillQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async candidates(principal: Principal, body: BackfillCandidateListRequestV1): Promise<BackfillCandidatePageV1> {
    assertStaff(principal, { scope: StaffScopes.supervisionRead });
    const { page, pageSize } = pageOf(body);
    const regionCode = optionalRegion(body?.regionCode);
    const keyword = optionalText(body?.keyword, 'keyword', 100);
    assertRegionFilter(principal, regionCode);
    const where = new Where();
    where.add(() => `r.project_type = 'PRESALE'`);
    where.add((p) => `r.region_code LIKE ANY(${p(regionPatterns(principal.regions))}::text[])`);
    if (regionCode) where.add((p) => `r.region_code LIKE ${p(regionPatterns([regionCode])[0])}`);
    if (keyword)
      where.add((p) => {
        const k = p(likeContains(keyword));
        return `(r.project_name ILIKE ${k} OR r.project_code ILIKE ${k} OR r.permit_number LIKE ${k})`;
      });
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(DISTINCT r.project_code)::int AS total FROM permit_replica r ${where}`,
      where.params,
    )) as Array<{ total: number }>;
    const projects: Array<{ project_code: string; project_name: string; region_code: string }> =
      await this.dataSource.query(
        `SELECT r.project_code, min(r.project_name) AS project_name, min(r.region_code) AS region_code FROM permit_replica r ${where}
       GROUP BY r.project_code ORDER BY r.project_code LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        where.params,
      );
    const codes = projects.map((p) => p.project_code);
    const permits: Array<{ permit_number: string; issue_date: string; project_code: string }> =
      await this.dataSource.query(
        `SELECT permit_number, to_char(issue_date, 'YYYY-MM-DD') AS issue_date, project_code FROM permit_replica
       WHERE project_code = ANY($1::text[]) AND project_type = 'PRESALE' AND region_code LIKE ANY($2::text[]) ORDER BY permit_number`,
        [codes, regionPatterns(principal.regions)],
      );
    const backfilled: Array<{
      presale_number: string;
      issue_date: string;
      state: SupervisionStateV1;
      status: string;
      permit_number: string;
    }> = await this.dataSource.query(
      `SELECT l.permit_number, p.presale_number, p.record->>'issueDate' AS issue_date, b.state, p.status
       FROM presale_permit_link l JOIN presale_permit p ON p.sandbox = l.sandbox AND p.presale_number = l.presale_number
       JOIN presale_backfill b ON b.sandbox = p.sandbox AND b.presale_number = p.presale_number
       WHERE l.sandbox = false AND p.letter = 'Z' AND l.permit_number = ANY($1::text[]) ORDER BY p.presale_number`,
      [permits.map((p) => p.permit_number)],
    );
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
    const where = new Where();
    where.add(() => `b.sandbox = false`);
    where.add((p) => `p.region_code LIKE ANY(${p(regionPatterns(principal.regions))}::text[])`);
    if (regionCode) where.add((p) => `p.region_code LIKE ${p(regionPatterns([regionCode])[0])}`);
    if (state) where.add((p) => `b.state = ${p(state)}`);
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${BACKFILL_FROM} ${where}`,
      where.params,
    )) as Array<{ total: number }>;
    const rows: BackfillRow[] = await this.dataSource.query(
      `SELECT ${BACKFILL_COLUMNS} FROM ${BACKFILL_FROM} ${where} ORDER BY b.created_at DESC, p.presale_number DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      where.params,
    );
    return { items: rows.map(backfillOf), page, pageSize, total };
  }
}
