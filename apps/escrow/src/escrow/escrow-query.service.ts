import { pageOf } from '@hn/persistence';
import { Injectable } from '@nestjs/common';
import {
  ESCROW_LIST_SORT,
  EscrowGetRequestV1,
  EscrowListItemV1,
  EscrowListRequestV1,
  EscrowPageV1,
  EscrowRecordV1,
  EscrowVersionsV1,
  Principal,
} from '@hn/messages';
import { assertRegionAllowed, assertStaff, regionOf } from '@hn/auth';
import { sortOrder } from '@hn/errors';
import { regionPrefixes } from '@hn/numbering';
import { EscrowErrors } from './escrow.exception';
import { EscrowRepository, ListFilter } from './escrow.repository';
import { rowToRecord, rowToVersion } from './escrow-row';

/** Reads of 资金监管信息: backfilled presale permits of the caller's regions with their records, and versions. */
@Injectable()
export class EscrowQueryService {
  constructor(private readonly repository: EscrowRepository) {}

  async list(principal: Principal, request: EscrowListRequestV1): Promise<EscrowPageV1> {
    assertStaff(principal);
    const { page, pageSize, offset } = pageOf(request);
    const sort = await sortOrder(ESCROW_LIST_SORT, request?.sort);
    const filter: ListFilter = { regionPrefixes: [regionPrefixes(principal.regions)], sort };
    const regionCode = request?.regionCode;
    // regionCode and state: EscrowListQuery, applied by @RpcHandler(Rpc.escrowList) as at the gateway
    if (regionCode) {
      assertRegionAllowed(principal, regionCode, { field: 'regionCode' });
      filter.regionPrefixes.push(regionPrefixes([regionCode]));
    }
    const state = request?.state;
    if (state) filter.state = state;
    const { rows, total } = await this.repository.list(filter, pageSize, offset);
    const items: EscrowListItemV1[] = rows.map((r) => ({
      presaleNumber: r.p_presale_number,
      regionCode: r.p_region_code,
      projectName: r.p_project_name,
      developerName: r.developer_name,
      issueDate: r.issue_date,
      record: r.has_record ? rowToRecord(r) : null,
    }));
    return { items, page, pageSize, total };
  }

  /** The current record; 404 PRESALE_NOT_FOUND for an unknown permit, ESCROW_NOT_FOUND without a record. */
  async get(principal: Principal, request: EscrowGetRequestV1): Promise<EscrowRecordV1> {
    const presaleNumber = await this.checkPresale(principal, request.presaleNumber);
    const row = await this.repository.findRecord(this.repository.manager, presaleNumber);
    if (!row) throw EscrowErrors.notFound([presaleNumber]);
    return rowToRecord(row);
  }

  /** Every version ever entered, oldest first (withdrawn ones marked, corrections with their report). */
  async versions(principal: Principal, request: EscrowGetRequestV1): Promise<EscrowVersionsV1> {
    const presaleNumber = await this.checkPresale(principal, request.presaleNumber);
    const rows = await this.repository.findVersions(presaleNumber);
    return { presaleNumber, versions: rows.map(rowToVersion) };
  }

  /** The number's format: PresaleNumberBodyV1, validated by @RpcHandler (400 INVALID_PRESALE_NUMBER). */
  private async checkPresale(principal: Principal, presaleNumber: string): Promise<string> {
    assertStaff(principal);
    assertRegionAllowed(principal, regionOf(presaleNumber), {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    const regionCode = await this.repository.findPresaleRegion(presaleNumber);
    if (regionCode === undefined) throw EscrowErrors.presaleNotFound(presaleNumber);
    assertRegionAllowed(principal, regionCode, {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    return presaleNumber;
  }
}
