import { Injectable } from '@nestjs/common';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import {
  ErrorCode,
  EscrowCommitmentLetterRequestV1,
  EscrowCorrectionRequestV1,
  EscrowCorrectionResultV1,
  EscrowGetRequestV1,
  EscrowListRequestV1,
  EscrowPageV1,
  EscrowPutRequestV1,
  EscrowPutResultV1,
  EscrowRecordV1,
  EscrowSubmitRequestV1,
  EscrowSubmitResultV1,
  EscrowVersionsV1,
  EscrowWithdrawRequestV1,
  EscrowWithdrawResultV1,
  Principal,
  Rpc,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { RpcClient } from '@hn/messaging';
import { Audited } from '../supervision/supervision-gateway.service';

/**
 * Gateway side of 补录预售资金监管信息: a first region check on the presale number (or region) of
 * the request, then the escrow service, which checks again against its replica. Writes answer with
 * the real before / after states for the audit trail.
 */
@Injectable()
export class EscrowGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  list(principal: Principal, query: EscrowListRequestV1, cid: string): Promise<EscrowPageV1> {
    if (query.regionCode) assertRegionAllowed(principal, query.regionCode, { field: 'regionCode' });
    return this.rpc.call(Rpc.escrowList, principal, query, cid);
  }

  get(principal: Principal, presaleNumber: string, cid: string): Promise<EscrowRecordV1> {
    assertRegionAllowed(principal, regionOf(presaleNumber), {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    const body: EscrowGetRequestV1 = { presaleNumber };
    return this.rpc.call(Rpc.escrowGet, principal, body, cid);
  }

  versions(principal: Principal, presaleNumber: string, cid: string): Promise<EscrowVersionsV1> {
    assertRegionAllowed(principal, regionOf(presaleNumber), {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    const body: EscrowGetRequestV1 = { presaleNumber };
    return this.rpc.call(Rpc.escrowVersions, principal, body, cid);
  }

  async put(principal: Principal, body: EscrowPutRequestV1, cid: string): Promise<Audited<EscrowPutResultV1>> {
    const before = await this.current(principal, body.presaleNumber, cid);
    const result = await this.rpc.call(Rpc.escrowPut, principal, body, cid);
    return { ...result, audit: { before, after: result } };
  }

  async commitmentLetter(
    principal: Principal,
    body: EscrowCommitmentLetterRequestV1,
    cid: string,
  ): Promise<Audited<EscrowPutResultV1>> {
    const before = await this.current(principal, body.presaleNumber, cid);
    const result = await this.rpc.call(Rpc.escrowCommitmentLetter, principal, body, cid);
    return { ...result, audit: { before, after: result } };
  }

  async withdraw(
    principal: Principal,
    body: EscrowWithdrawRequestV1,
    cid: string,
  ): Promise<Audited<EscrowWithdrawResultV1>> {
    const before = await this.current(principal, body.presaleNumber, cid);
    const result = await this.rpc.call(Rpc.escrowWithdraw, principal, body, cid);
    return { ...result, audit: { before, after: result, target: `presaleNumber=${body.presaleNumber}` } };
  }

  async submit(principal: Principal, body: EscrowSubmitRequestV1, cid: string): Promise<Audited<EscrowSubmitResultV1>> {
    body.presaleNumbers.forEach((n, i) =>
      assertRegionAllowed(principal, regionOf(n), { what: `预售许可证 ${n}`, field: `presaleNumbers[${i}]` }),
    );
    const result = await this.rpc.call(Rpc.escrowSubmit, principal, body, cid);
    return {
      ...result,
      audit: {
        before: { state: 'DRAFT', presaleNumbers: body.presaleNumbers },
        after: result.records,
        target: `presaleNumbers=${body.presaleNumbers.join(',')}`,
      },
    };
  }

  async correct(
    principal: Principal,
    body: EscrowCorrectionRequestV1,
    cid: string,
  ): Promise<Audited<EscrowCorrectionResultV1>> {
    const before = await this.current(principal, body.presaleNumber, cid);
    const result = await this.rpc.call(Rpc.escrowCorrect, principal, body, cid);
    const report = {
      reason: body.report.reason,
      documentNumber: body.report.documentNumber,
      reportSha256: body.report.scan.sha256,
      reportFileName: body.report.scan.fileName,
    };
    return {
      ...result,
      audit: { before, after: { correction: report, previousVersion: result.previousVersion, record: result.record } },
    };
  }

  /** The current record for the audit trail (null when there is none yet). */
  private async current(principal: Principal, presaleNumber: string, cid: string): Promise<EscrowRecordV1 | null> {
    try {
      return await this.get(principal, presaleNumber, cid);
    } catch (err) {
      if (err instanceof DomainException && err.problem.code === ErrorCode.ESCROW_NOT_FOUND) return null;
      throw err;
    }
  }
}
