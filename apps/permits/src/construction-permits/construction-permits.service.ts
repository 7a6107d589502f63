import { Injectable } from '@nestjs/common';
import { BuildingUnitV1, ConstructionPermitV1, PageV1, PermitSearchQueryV1, Principal } from '@hn/messages';
import { parsePermitNumber } from '@hn/numbering';
import { DataSource } from 'typeorm';
import { PermitsErrors } from './construction-permits.exception';
import { BuildingUnit } from './entities/building-unit.entity';
import { toUnitV1 } from './permit-mapper';
import { PermitRow, rowToPermit, selectPermit } from './permit-rows';
import { assertRegionAllowed } from '@hn/auth';
import { regionFilter } from './region-scope';
import { SandboxPermitsService } from './sandbox-permits.service';

const MAX_PAGE_SIZE = 100;

/**
 * Read side of construction permits: lookup by number, search by project name, units. Sandbox
 * (联调测试) credentials read the real permits with the sandbox space laid over them (a sandbox
 * permit wins for its number, marked sandbox: true); real credentials never see the sandbox space.
 */
@Injectable()
export class ConstructionPermitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sandbox: SandboxPermitsService,
  ) {}

  async getPermit(principal: Principal, permitNumber: string): Promise<ConstructionPermitV1> {
    return this.loadInScope(principal, permitNumber);
  }

  async listUnits(principal: Principal, permitNumber: string): Promise<BuildingUnitV1[]> {
    const permit = await this.loadInScope(principal, permitNumber);
    if (permit.sandbox) return this.sandbox.units(permitNumber);
    const units = await this.dataSource
      .getRepository(BuildingUnit)
      .find({ where: { permitNumber }, order: { unitCode: 'ASC' } });
    return units.map(toUnitV1);
  }

  /**
   * Partial match on the project name. Terms of 3+ characters use the trigram index; 2-character
   * terms (common in Chinese: 花园, 星城) use the bigram array index; the total is counted exactly
   * up to COUNT_CAP and reported as a lower bound beyond it, so a very common term stays cheap.
   */
  async search(principal: Principal, query: PermitSearchQueryV1): Promise<PageV1<ConstructionPermitV1>> {
    const name = typeof query.projectName === 'string' ? query.projectName.trim() : '';
    const page = Number.isInteger(query.page) && query.page >= 1 && query.page <= 10_000 ? query.page : 1;
    const pageSize =
      Number.isInteger(query.pageSize) && query.pageSize >= 1 ? Math.min(query.pageSize, MAX_PAGE_SIZE) : 20;
    if ([...name].length < 2 || name.length > 100) {
      throw PermitsErrors.invalidBody([
        { field: 'projectName', reason: '项目名称关键字长度须为 2–100 个字 (2 to 100 characters)' },
      ]);
    }
    const scope = regionFilter(principal);
    const params: unknown[] = [`%${escapeLike(name)}%`];
    let where = `p.project_name ILIKE $1`;
    if ([...name].length === 2) {
      params.push(name.toLowerCase());
      where += ` AND p.name_grams @> ARRAY[$${params.length}::text]`;
    }
    if (!scope.all) {
      params.push(scope.counties, scope.cityPrefixes);
      where += ` AND (p.region_code = ANY($${params.length - 1}::text[]) OR substr(p.region_code, 1, 4) = ANY($${params.length}::text[]))`;
    }
    if (principal.sandbox === true) return this.sandbox.search({ where, params, page, pageSize, countCap: COUNT_CAP });
    const [countRows, rows] = await Promise.all([
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM (SELECT 1 FROM construction_permit p WHERE ${where} LIMIT ${COUNT_CAP + 1}) t`,
        params,
      ) as Promise<Array<{ total: number }>>,
      this.dataSource.query(
        `${SELECT_PERMIT} WHERE ${where} ORDER BY p.issue_date DESC, p.permit_number LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ) as Promise<PermitRow[]>,
    ]);
    const counted = countRows[0]?.total ?? 0;
    return {
      items: rows.map(rowToPermit),
      page,
      pageSize,
      total: Math.min(counted, COUNT_CAP),
      ...(counted > COUNT_CAP ? { totalIsLowerBound: true } : {}),
    };
  }

  /** Loads a permit (one query, joined with its project) after checking the number and the caller's region scope. */
  async loadInScope(principal: Principal, permitNumber: string): Promise<ConstructionPermitV1> {
    const parsed = parsePermitNumber(String(permitNumber));
    if (!parsed.ok) throw PermitsErrors.invalidNumber(String(permitNumber), parsed);
    assertRegionAllowed(principal, parsed.value.regionCode, {
      what: `施工许可证 ${permitNumber}`,
      field: 'permitNumber',
    });
    const overlay = principal.sandbox === true ? await this.sandbox.find(permitNumber) : null;
    const rows: PermitRow[] = overlay
      ? [overlay]
      : await this.dataSource.query(`${SELECT_PERMIT} WHERE p.permit_number = $1`, [permitNumber]);
    const row = rows[0];
    if (!row) throw PermitsErrors.notFound(permitNumber);
    assertRegionAllowed(principal, row.region_code, { what: `施工许可证 ${permitNumber}`, field: 'permitNumber' });
    return rowToPermit(row);
  }
}

const COUNT_CAP = 10_000;
const SELECT_PERMIT = selectPermit('real');

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
