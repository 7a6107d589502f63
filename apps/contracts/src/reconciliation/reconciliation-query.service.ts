import { assertRegionAllowed, assertStaff } from '@hn/auth';
import { regionPrefixes } from '@hn/numbering';
import { sortOrder } from '@hn/errors';
import { pageOf } from '@hn/persistence';
import { Injectable } from '@nestjs/common';
import {
  Principal,
  RECONCILIATION_SORT,
  ReconciliationAcknowledgeRequestV1,
  ReconciliationDifferencePageV1,
  ReconciliationDifferenceV1,
  ReconciliationEvents,
  ReconciliationListRequestV1,
} from '@hn/messages';
import { DataSource } from 'typeorm';
import { rowToDifference } from './difference-row';
import { ReconciliationDifferenceRepository } from './reconciliation-difference.repository';
import { ReconciliationDifferenceStore } from './reconciliation-difference.store';
import { ReconciliationErrors } from './reconciliation.exception';

/** 比对结果抄送市县复核: lists differences in the caller's regions; staff acknowledge them with an explanation. */
@Injectable()
export class ReconciliationQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly differences: ReconciliationDifferenceRepository,
    private readonly store: ReconciliationDifferenceStore,
  ) {}

  async list(principal: Principal, request: ReconciliationListRequestV1): Promise<ReconciliationDifferencePageV1> {
    assertStaff(principal);
    const { page, pageSize, offset } = pageOf(request);
    const sort = await sortOrder(RECONCILIATION_SORT, request?.sort);
    // state and regionCode: ReconciliationQuery, applied by @RpcHandler(Rpc.reconciliationList) as at the gateway
    const { state, regionCode } = request;
    const hasRegion = regionCode !== undefined && regionCode !== '';
    if (hasRegion) assertRegionAllowed(principal, regionCode, { field: 'regionCode' });
    const { rows, total } = await this.differences.list(
      { regionPrefixes: regionPrefixes(hasRegion ? [regionCode] : principal.regions), state: state || undefined, sort },
      pageSize,
      offset,
    );
    return { items: rows.map(rowToDifference), page, pageSize, total };
  }

  async acknowledge(
    principal: Principal,
    request: ReconciliationAcknowledgeRequestV1,
  ): Promise<ReconciliationDifferenceV1> {
    assertStaff(principal);
    // validated with DifferenceAcknowledgeRequest by @RpcHandler: the id, and the explanation with the
    // class the gateway validates the HTTP body with (DifferenceAcknowledgement)
    const { differenceId: id, explanation } = request;
    return this.dataSource.transaction(async (m) => {
      const row = await this.differences.findForUpdate(m, id);
      if (!row) throw ReconciliationErrors.notFound(id);
      assertRegionAllowed(principal, row.region_code, {
        what: `预售许可证 ${row.presale_number}`,
        field: 'presaleNumber',
      });
      if (row.state === 'ACKNOWLEDGED') throw ReconciliationErrors.alreadyAcknowledged(id);
      if (row.state === 'RESOLVED') throw ReconciliationErrors.resolved(id);
      const acknowledged = await this.differences.acknowledge(m, id, explanation, principal.id);
      // the alerts service clears the 复核 alert on it
      await this.store.publish(m, ReconciliationEvents.differenceAcknowledged, acknowledged);
      return rowToDifference(acknowledged);
    });
  }
}
