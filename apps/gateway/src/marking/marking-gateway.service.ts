import { Injectable } from '@nestjs/common';
import { regionOf } from '@hn/auth';
import {
  ErrorCode,
  MarkedProjectV1,
  MarkingBatchRequestV1,
  MarkingBatchResultV1,
  MarkingCorrectionRequestV1,
  MarkingCorrectionResultV1,
  MarkingListRequestV1,
  MarkingPageV1,
  MarkingSubmitRequestV1,
  MarkingSubmitResultV1,
  MarkingWithdrawResultV1,
  Principal,
  Rpc,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcCallOptions, RpcClient } from '@hn/messaging';
import { isInRegions } from '@hn/numbering';
import { Audited } from '../supervision/supervision-gateway.service';

/** A batch of 1,000 permits is one transaction in the permits service; allow it more than the default RPC timeout. */
const WRITE: RpcCallOptions = { timeoutMs: 10_000 };

/** Throws 403 REGION_FORBIDDEN listing every key (permit number, region, project code) outside the caller's regions. */
export function assertRegions(
  principal: Principal,
  field: string,
  items: Array<{ key: string; regionCode: string }>,
): void {
  const outside = [...new Set(items.filter((i) => !isInRegions(principal.regions, i.regionCode)).map((i) => i.key))];
  if (outside.length === 0) return;
  const shown = outside.length > 20 ? `${outside.slice(0, 20).join('、')} 等 ${outside.length} 个` : outside.join('、');
  throw new DomainException(
    403,
    ErrorCode.REGION_FORBIDDEN,
    `${shown} 不在本人的区划范围内 (outside the caller's regions)`,
    outside.map((key) => ({ field, reason: key })),
  );
}

const brief = (p: MarkedProjectV1) => ({
  projectCode: p.projectCode,
  projectType: p.projectType,
  markingState: p.markingState,
});

/**
 * Gateway side of 存量预售项目标记: a first region check on what the request names (permit numbers
 * by their region code, the region filter, the project code), then the permits service, which
 * checks every object again. Writes return the real before / after for the audit trail.
 */
@Injectable()
export class MarkingGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  async list(principal: Principal, query: MarkingListRequestV1, cid: string): Promise<MarkingPageV1> {
    if (query.regionCode)
      assertRegions(principal, 'regionCode', [{ key: query.regionCode, regionCode: query.regionCode }]);
    return this.rpc.call(Rpc.markingList, principal, query, cid);
  }

  async batch(principal: Principal, body: MarkingBatchRequestV1, cid: string): Promise<Audited<MarkingBatchResultV1>> {
    assertRegions(
      principal,
      'permitNumbers',
      body.permitNumbers.map((n) => ({ key: n, regionCode: regionOf(n) })),
    );
    const result = await this.rpc.call(Rpc.markingBatch, principal, body, cid, WRITE);
    return {
      ...result,
      audit: {
        before: result.projects.map((p) => ({ projectCode: p.projectCode, projectType: p.previousType })),
        after: {
          stepId: result.stepId,
          projectType: body.projectType,
          permits: body.permitNumbers.length,
          projects: result.projects.map(brief),
          unchanged: result.unchanged,
        },
        target: result.stepId ? `stepId=${result.stepId}` : undefined,
      },
    };
  }

  async withdraw(principal: Principal, cid: string): Promise<Audited<MarkingWithdrawResultV1>> {
    const result = await this.rpc.call(Rpc.markingWithdraw, principal, {}, cid, WRITE);
    return {
      ...result,
      audit: {
        before: {
          stepId: result.stepId,
          projects: result.projects.map((p) => ({
            projectCode: p.projectCode,
            projectType: result.superseded.includes(p.projectCode) ? p.projectType : result.withdrawnType,
            markingState: 'DRAFT',
          })),
        },
        after: { projects: result.projects, superseded: result.superseded },
        target: `stepId=${result.stepId}`,
      },
    };
  }

  async submit(
    principal: Principal,
    body: MarkingSubmitRequestV1,
    cid: string,
  ): Promise<Audited<MarkingSubmitResultV1>> {
    assertRegions(
      principal,
      'permitNumbers',
      body.permitNumbers.map((n) => ({ key: n, regionCode: regionOf(n) })),
    );
    const result = await this.rpc.call(Rpc.markingSubmit, principal, body, cid, WRITE);
    return {
      ...result,
      audit: {
        before: result.projects.map((p) => ({
          projectCode: p.projectCode,
          projectType: p.previousType,
          draftType: p.projectType,
          markingState: 'DRAFT',
        })),
        after: result.projects.map(brief),
      },
    };
  }

  async correct(
    principal: Principal,
    body: MarkingCorrectionRequestV1,
    cid: string,
  ): Promise<Audited<MarkingCorrectionResultV1>> {
    assertRegions(principal, 'projectCode', [{ key: body.projectCode, regionCode: body.projectCode.slice(5, 11) }]);
    const result = await this.rpc.call(Rpc.markingCorrect, principal, body, cid, WRITE);
    const { report } = result;
    return {
      ...result,
      audit: {
        before: { projectCode: body.projectCode, projectType: result.previousType, markingState: 'SUBMITTED' },
        after: {
          correctionId: result.correctionId,
          ...brief(result.project),
          reason: report.reason,
          documentNumber: report.documentNumber,
          report: {
            sha256: report.sha256,
            contentType: report.contentType,
            size: report.size,
            fileName: report.fileName,
          },
        },
        target: `projectCode=${body.projectCode}`,
      },
    };
  }
}
