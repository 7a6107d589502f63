import { Injectable } from '@nestjs/common';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import {
  BackfillCandidateListRequestV1,
  BackfillCandidatePageV1,
  BackfillIssuedV1,
  BackfillIssueRequestV1,
  BackfillListRequestV1,
  BackfillPageV1,
  BackfillSubmitRequestV1,
  BackfillSubmitResultV1,
  BackfillWithdrawRequestV1,
  BackfillWithdrawResultV1,
  PresaleCorrectionRequestV1,
  PresaleCorrectionResultV1,
  PresaleSubmissionV1,
  Principal,
  Rpc,
  ScanRefV1,
  UnpermittedPresaleListRequestV1,
  UnpermittedPresalePageV1,
  UnpermittedPresaleProjectV1,
  UnpermittedPresaleRegisterRequestV1,
  UnpermittedPresaleSubmissionV1,
} from '@hn/messages';
import { RpcCallOptions, RpcClient } from '@hn/messaging';
import { Audited } from '../supervision/supervision-gateway.service';

/** Requests that carry a scan: the service reads up to 20 MB from the staging bucket and stores it. */
const SCAN: RpcCallOptions = { timeoutMs: 30_000 };

/** What the audit trail keeps of a scan: never the bytes nor the staging key. */
function scanSummary(scan: ScanRefV1): Omit<ScanRefV1, 'stagingKey'> {
  return { sha256: scan.sha256, contentType: scan.contentType, size: scan.size, fileName: scan.fileName };
}

/**
 * Gateway side of 补录预售许可证, 已办预售未办施工许可 and ADMIN corrections: a first region check
 * here, then the presale service, which checks again on every object. Writes answer Audited<T>.
 */
@Injectable()
export class BackfillGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  candidates(
    principal: Principal,
    query: BackfillCandidateListRequestV1,
    cid: string,
  ): Promise<BackfillCandidatePageV1> {
    if (query.regionCode) assertRegionAllowed(principal, query.regionCode, { field: 'regionCode' });
    return this.rpc.call(Rpc.backfillCandidates, principal, query, cid);
  }

  async issue(
    principal: Principal,
    submission: PresaleSubmissionV1,
    scan: ScanRefV1,
    idempotencyKey: string | undefined,
    cid: string,
  ): Promise<Audited<BackfillIssuedV1>> {
    submission.constructionPermitNumbers.forEach((n, i) =>
      assertRegionAllowed(principal, regionOf(n), {
        what: `施工许可证 ${n}`,
        field: `constructionPermitNumbers[${i}]`,
      }),
    );
    const body: BackfillIssueRequestV1 = { submission, scan, ...(idempotencyKey ? { idempotencyKey } : {}) };
    const result = await this.rpc.call(Rpc.backfillIssue, principal, body, cid, SCAN);
    return {
      ...result,
      audit: {
        before: null,
        after: {
          presaleNumber: result.presaleNumber,
          backfillState: result.backfill.backfillState,
          logIndex: result.log.index,
          submission,
          scan: scanSummary(scan),
        },
        target: `presaleNumber=${result.presaleNumber}`,
      },
    };
  }

  list(principal: Principal, query: BackfillListRequestV1, cid: string): Promise<BackfillPageV1> {
    if (query.regionCode) assertRegionAllowed(principal, query.regionCode, { field: 'regionCode' });
    return this.rpc.call(Rpc.backfillList, principal, query, cid);
  }

  async withdraw(
    principal: Principal,
    body: BackfillWithdrawRequestV1,
    cid: string,
  ): Promise<Audited<BackfillWithdrawResultV1>> {
    if (body.presaleNumber)
      assertRegionAllowed(principal, regionOf(body.presaleNumber), {
        what: `预售许可证 ${body.presaleNumber}`,
        field: 'presaleNumber',
      });
    const result = await this.rpc.call(Rpc.backfillWithdraw, principal, body, cid);
    return {
      ...result,
      audit: {
        before: { presaleNumber: result.presaleNumber, status: 'VALID', backfillState: 'DRAFT' },
        after: result,
        target: `presaleNumber=${result.presaleNumber}`,
      },
    };
  }

  async submit(
    principal: Principal,
    body: BackfillSubmitRequestV1,
    cid: string,
  ): Promise<Audited<BackfillSubmitResultV1>> {
    body.presaleNumbers.forEach((n, i) =>
      assertRegionAllowed(principal, regionOf(n), { what: `预售许可证 ${n}`, field: `presaleNumbers[${i}]` }),
    );
    const result = await this.rpc.call(Rpc.backfillSubmit, principal, body, cid);
    return {
      ...result,
      audit: {
        before: { backfillState: 'DRAFT', presaleNumbers: body.presaleNumbers },
        after: { backfillState: 'SUBMITTED', presaleNumbers: result.items.map((i) => i.permit.presaleNumber) },
        target: `presaleNumbers=${body.presaleNumbers.join(',')}`,
      },
    };
  }

  async correct(
    principal: Principal,
    presaleNumber: string,
    data: { reason: string; documentNumber: string; submission: PresaleSubmissionV1 },
    scan: ScanRefV1,
    cid: string,
  ): Promise<Audited<PresaleCorrectionResultV1>> {
    assertRegionAllowed(principal, regionOf(presaleNumber), {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    const before = await this.rpc.call(Rpc.presaleGet, principal, { presaleNumber }, cid);
    const body: PresaleCorrectionRequestV1 = {
      presaleNumber,
      submission: data.submission,
      report: { reason: data.reason, documentNumber: data.documentNumber, scan },
    };
    const result = await this.rpc.call(Rpc.backfillCorrect, principal, body, cid, SCAN);
    return {
      ...result,
      audit: {
        before,
        after: {
          permit: result.backfill.permit,
          reason: data.reason,
          documentNumber: data.documentNumber,
          report: scanSummary(scan),
          logIndex: result.log.index,
        },
        target: `presaleNumber=${presaleNumber}`,
      },
    };
  }

  async registerUnpermitted(
    principal: Principal,
    submission: UnpermittedPresaleSubmissionV1,
    scan: ScanRefV1,
    cid: string,
  ): Promise<Audited<UnpermittedPresaleProjectV1>> {
    assertRegionAllowed(principal, submission.regionCode, { field: 'regionCode' });
    const body: UnpermittedPresaleRegisterRequestV1 = { submission, scan };
    const result = await this.rpc.call(Rpc.unpermittedRegister, principal, body, cid, SCAN);
    return { ...result, audit: { before: null, after: result, target: `id=${result.id}` } };
  }

  listUnpermitted(
    principal: Principal,
    query: UnpermittedPresaleListRequestV1,
    cid: string,
  ): Promise<UnpermittedPresalePageV1> {
    if (query.regionCode) assertRegionAllowed(principal, query.regionCode, { field: 'regionCode' });
    return this.rpc.call(Rpc.unpermittedList, principal, query, cid);
  }
}
