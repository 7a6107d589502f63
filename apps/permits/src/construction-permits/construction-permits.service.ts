import { Injectable } from '@nestjs/common';
import { BuildingUnitV1, ConstructionPermitV1, PageV1, PermitSearchQueryV1, Principal } from '@hn/messages';
import { PermitsErrors } from './construction-permits.exception';
import { ConstructionPermitsRepository } from './construction-permits.repository';
import { PermitSearch } from './construction-permits.sql';
import { toUnitV1 } from './permit-mapper';
import { rowToPermit } from './permit-rows';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import { regionFilter } from './region-scope';
import { SandboxPermitsService } from './sandbox-permits.service';

/**
 * Read side of construction permits: lookup by number, search by project name, units. Sandbox
 * (联调测试) credentials read the real permits with the sandbox space laid over them (a sandbox
 * permit wins for its number, marked sandbox: true); real credentials never see the sandbox space.
 */
@Injectable()
export class ConstructionPermitsService {
  constructor(
    private readonly repository: ConstructionPermitsRepository,
    private readonly sandbox: SandboxPermitsService,
  ) {}

  async getPermit(principal: Principal, permitNumber: string): Promise<ConstructionPermitV1> {
    return this.loadInScope(principal, permitNumber);
  }

  async listUnits(principal: Principal, permitNumber: string): Promise<BuildingUnitV1[]> {
    const permit = await this.loadInScope(principal, permitNumber);
    if (permit.sandbox) return this.sandbox.units(permitNumber);
    const units = await this.repository.units(permitNumber);
    return units.map(toUnitV1);
  }

  /**
   * Partial match on the project name. Terms of 3+ characters use the trigram index; 2-character
   * terms (common in Chinese: 花园, 星城) use the bigram array index; the total is counted exactly
   * up to COUNT_CAP and reported as a lower bound beyond it, so a very common term stays cheap.
   */
  async search(principal: Principal, query: PermitSearchQueryV1): Promise<PageV1<ConstructionPermitV1>> {
    // the name (trimmed, 2–100), page and pageSize: PermitSearchQuery, applied by @RpcHandler(Rpc.permitSearch)
    const { projectName: name, page, pageSize } = query;
    const search: PermitSearch = { name, scope: regionFilter(principal), page, pageSize, countCap: COUNT_CAP };
    if (principal.sandbox === true) return this.sandbox.search(search);
    const { rows, counted } = await this.repository.search(search);
    return {
      items: rows.map(rowToPermit),
      page,
      pageSize,
      total: Math.min(counted, COUNT_CAP),
      ...(counted > COUNT_CAP ? { totalIsLowerBound: true } : {}),
    };
  }

  /**
   * Loads a permit (one query, joined with its project) after checking the caller's region scope: the
   * number is valid (PermitNumberBody, checked by the Rpc entries before the handler runs).
   */
  async loadInScope(principal: Principal, permitNumber: string): Promise<ConstructionPermitV1> {
    assertRegionAllowed(principal, regionOf(permitNumber), {
      what: `施工许可证 ${permitNumber}`,
      field: 'permitNumber',
    });
    const overlay = principal.sandbox === true ? await this.sandbox.find(permitNumber) : null;
    const row = overlay ?? (await this.repository.findPermit(permitNumber));
    if (!row) throw PermitsErrors.notFound(permitNumber);
    assertRegionAllowed(principal, row.region_code, { what: `施工许可证 ${permitNumber}`, field: 'permitNumber' });
    return rowToPermit(row);
  }
}

const COUNT_CAP = 10_000;
