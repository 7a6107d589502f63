import { Injectable, StreamableFile } from '@nestjs/common';
import { assertRegionAllowed } from '@hn/auth';
import { ScanStaging } from '@hn/documents';
import { InjectNats } from '@hn/eventing';
import {
  AssessmentAppealDecisionRequestV1,
  AssessmentAppealListRequestV1,
  AssessmentAppealPageV1,
  AssessmentAppealSubmitRequestV1,
  AssessmentAppealV1,
  Principal,
  Rpc,
  ScanRefV1,
  StatisticsAssessmentRequestV1,
  StatisticsAssessmentV1,
} from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { NatsConnection } from 'nats';
import { contentDisposition } from '../presale/file-response';
import { Audited } from '../supervision/supervision-gateway.service';

/**
 * Gateway side of 营商环境考核: a first region check, then the alerts service, which validates the same
 * message classes again, checks role, scope and region itself and keeps the appeals.
 */
@Injectable()
export class AssessmentGatewayService {
  private readonly staging: ScanStaging;

  constructor(
    private readonly rpc: RpcClient,
    @InjectNats() nats: NatsConnection,
  ) {
    this.staging = new ScanStaging(nats);
  }

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

  /** The appeal with the evidence scan staged from the upload, if any (never a reference the client named). */
  async submitAppeal(
    principal: Principal,
    body: Omit<AssessmentAppealSubmitRequestV1, 'scans'>,
    scan: ScanRefV1 | null,
    cid: string,
  ): Promise<Audited<AssessmentAppealV1>> {
    assertRegionAllowed(principal, body.regionCode, { field: 'regionCode' });
    const appeal = await this.rpc.call(
      Rpc.assessmentAppealSubmit,
      principal,
      { ...body, ...(scan ? { scans: [scan] } : {}) },
      cid,
    );
    return { ...appeal, audit: { before: null, after: appeal, target: `appealId=${appeal.id}` } };
  }

  /**
   * One evidence scan of an appeal: the alerts service checks scope and region and stages the bytes again;
   * they are read back here (size and SHA-256 checked) and sent inline with their type and file name.
   */
  async appealScan(principal: Principal, appealId: string, position: number, cid: string): Promise<StreamableFile> {
    const ref = await this.rpc.call(Rpc.assessmentAppealScan, principal, { appealId, position }, cid);
    const bytes = await this.staging.take(ref);
    return new StreamableFile(bytes, {
      type: ref.contentType,
      disposition: contentDisposition('inline', ref.fileName),
      length: bytes.byteLength,
    });
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
