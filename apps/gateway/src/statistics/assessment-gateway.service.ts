import { Injectable } from '@nestjs/common';
import { assertRegionAllowed } from '@hn/auth';
import {
  AssessmentAppealDecisionRequestV1,
  AssessmentAppealListRequestV1,
  AssessmentAppealPageV1,
  AssessmentAppealSubmitRequestV1,
  AssessmentAppealV1,
  Principal,
  Rpc,
  StatisticsAssessmentRequestV1,
  StatisticsAssessmentV1,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { Audited } from '../supervision/supervision-gateway.service';

/**
 * Gateway side of 营商环境考核: a first region check, then the alerts service, which validates the same
 * message classes again, checks role, scope and region itself and keeps the appeals.
 */
@Injectable()
export class AssessmentGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  assessment(principal: Principal, q: StatisticsAssessmentRequestV1, cid: string): Promise<StatisticsAssessmentV1> {
    assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    return this.rpc.call(
      Rpc.statisticsAssessment,
      principal,
      { regionCode: q.regionCode, ...(q.asOf ? { asOf: q.asOf } : {}) },
      cid,
    );
  }

  listAppeals(principal: Principal, q: AssessmentAppealListRequestV1, cid: string): Promise<AssessmentAppealPageV1> {
    assertRegionAllowed(principal, q.regionCode, { field: 'regionCode' });
    return this.rpc.call(
      Rpc.assessmentAppealList,
      principal,
      { regionCode: q.regionCode, ...(q.state ? { state: q.state } : {}), page: q.page, pageSize: q.pageSize },
      cid,
    );
  }

  async submitAppeal(
    principal: Principal,
    body: AssessmentAppealSubmitRequestV1,
    cid: string,
  ): Promise<Audited<AssessmentAppealV1>> {
    assertRegionAllowed(principal, body.regionCode, { field: 'regionCode' });
    const appeal = await this.rpc.call(Rpc.assessmentAppealSubmit, principal, { ...body }, cid);
    return { ...appeal, audit: { before: null, after: appeal, target: `appealId=${appeal.id}` } };
  }

  async decideAppeal(
    principal: Principal,
    appealId: string,
    body: Omit<AssessmentAppealDecisionRequestV1, 'appealId'>,
    cid: string,
  ): Promise<Audited<AssessmentAppealV1>> {
    const after = await this.rpc.call(
      Rpc.assessmentAppealDecide,
      principal,
      { appealId, decision: body.decision, opinion: body.opinion },
      cid,
    );
    return {
      ...after,
      audit: {
        before: { state: 'PENDING' },
        after: { state: after.state, opinion: after.opinion },
        target: `appealId=${appealId}`,
      },
    };
  }
}
