import { Injectable } from '@nestjs/common';
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
  PresaleBackfillRpc,
  PresaleCorrectionRequestV1,
  PresaleCorrectionResultV1,
  PresalePermitV1,
  PresaleRpc,
  PresaleSubmissionV1,
  Principal,
  RpcRequest,
  ScanRefV1,
  UnpermittedPresaleListRequestV1,
  UnpermittedPresalePageV1,
  UnpermittedPresaleProjectV1,
  UnpermittedPresaleRegisterRequestV1,
  UnpermittedPresaleSubmissionV1,
} from '@hn/contracts';
import { RpcClient } from '@hn/messaging';
import { Audited } from '../supervision/supervision-gateway.service';
import { assertRegion } from './backfill-inputs';

/** Requests that carry a scan: the service reads up to 20 MB from the staging bucket and stores it. */
const SCAN_RPC_TIMEOUT_MS = 30_000;

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

  candidates(principal: Principal, query: BackfillCandidateListRequestV1, cid: string): Promise<BackfillCandidatePageV1> {
    if (query.regionCode) assertRegion(principal, query.regionCode, `区划 ${query.regionCode}`, 'regionCode');
    return this.call(PresaleBackfillRpc.candidates, principal, query, cid);
  }

  async issue(principal: Principal, submission: PresaleSubmissionV1, scan: ScanRefV1, idempotencyKey: string | undefined, cid: string): Promise<Audited<BackfillIssuedV1>> {
    submission.constructionPermitNumbers.forEach((n, i) => assertRegion(principal, n.slice(0, 6), `施工许可证 ${n}`, `constructionPermitNumbers[${i}]`));
    const body: BackfillIssueRequestV1 = { submission, scan, ...(idempotencyKey ? { idempotencyKey } : {}) };
    const result = await this.call<BackfillIssuedV1>(PresaleBackfillRpc.issue, principal, body, cid, SCAN_RPC_TIMEOUT_MS);
    return { ...result, audit: { before: null, after: { presaleNumber: result.presaleNumber, backfillState: result.backfill.backfillState, logIndex: result.log.index, submission, scan: scanSummary(scan) }, target: `presaleNumber=${result.presaleNumber}` } };
  }

  list(principal: Principal, query: BackfillListRequestV1, cid: string): Promise<BackfillPageV1> {
    if (query.regionCode) assertRegion(principal, query.regionCode, `区划 ${query.regionCode}`, 'regionCode');
    return this.call(PresaleBackfillRpc.list, principal, query, cid);
  }

  async withdraw(principal: Principal, body: BackfillWithdrawRequestV1, cid: string): Promise<Audited<BackfillWithdrawResultV1>> {
    if (body.presaleNumber) assertRegion(principal, body.presaleNumber.slice(0, 6), `预售许可证 ${body.presaleNumber}`, 'presaleNumber');
    const result = await this.call<BackfillWithdrawResultV1>(PresaleBackfillRpc.withdraw, principal, body, cid);
    return { ...result, audit: { before: { presaleNumber: result.presaleNumber, status: 'VALID', backfillState: 'DRAFT' }, after: result, target: `presaleNumber=${result.presaleNumber}` } };
  }

  async submit(principal: Principal, body: BackfillSubmitRequestV1, cid: string): Promise<Audited<BackfillSubmitResultV1>> {
    body.presaleNumbers.forEach((n, i) => assertRegion(principal, n.slice(0, 6), `预售许可证 ${n}`, `presaleNumbers[${i}]`));
    const result = await this.call<BackfillSubmitResultV1>(PresaleBackfillRpc.submit, principal, body, cid);
    return {
      ...result,
      audit: {
        before: { backfillState: 'DRAFT', presaleNumbers: body.presaleNumbers },
        after: { backfillState: 'SUBMITTED', presaleNumbers: result.items.map((i) => i.permit.presaleNumber) },
        target: `presaleNumbers=${body.presaleNumbers.join(',')}`,
      },
    };
  }

  async correct(principal: Principal, presaleNumber: string, data: { reason: string; documentNumber: string; submission: PresaleSubmissionV1 }, scan: ScanRefV1, cid: string): Promise<Audited<PresaleCorrectionResultV1>> {
    assertRegion(principal, presaleNumber.slice(0, 6), `预售许可证 ${presaleNumber}`, 'presaleNumber');
    const before = await this.call<PresalePermitV1>(PresaleRpc.get, principal, { presaleNumber }, cid);
    const body: PresaleCorrectionRequestV1 = { presaleNumber, submission: data.submission, report: { reason: data.reason, documentNumber: data.documentNumber, scan } };
    const result = await this.call<PresaleCorrectionResultV1>(PresaleBackfillRpc.correct, principal, body, cid, SCAN_RPC_TIMEOUT_MS);
    return {
      ...result,
      audit: {
        before,
        after: { permit: result.backfill.permit, reason: data.reason, documentNumber: data.documentNumber, report: scanSummary(scan), logIndex: result.log.index },
        target: `presaleNumber=${presaleNumber}`,
      },
    };
  }

  async registerUnpermitted(principal: Principal, submission: UnpermittedPresaleSubmissionV1, scan: ScanRefV1, cid: string): Promise<Audited<UnpermittedPresaleProjectV1>> {
    assertRegion(principal, submission.regionCode, `区划 ${submission.regionCode}`, 'regionCode');
    const body: UnpermittedPresaleRegisterRequestV1 = { submission, scan };
    const result = await this.call<UnpermittedPresaleProjectV1>(PresaleBackfillRpc.unpermittedRegister, principal, body, cid, SCAN_RPC_TIMEOUT_MS);
    return { ...result, audit: { before: null, after: result, target: `id=${result.id}` } };
  }

  listUnpermitted(principal: Principal, query: UnpermittedPresaleListRequestV1, cid: string): Promise<UnpermittedPresalePageV1> {
    if (query.regionCode) assertRegion(principal, query.regionCode, `区划 ${query.regionCode}`, 'regionCode');
    return this.call(PresaleBackfillRpc.unpermittedList, principal, query, cid);
  }

  private call<T>(subject: string, principal: Principal, body: unknown, cid: string, timeoutMs?: number): Promise<T> {
    const request: RpcRequest<unknown> = { principal, body };
    return this.rpc.request<T>(subject, request, cid, timeoutMs === undefined ? {} : { timeoutMs });
  }
}
