import { Injectable } from '@nestjs/common';
import {
  ContractFilingCancelRequestV1,
  ContractFilingGetRequestV1,
  ContractFilingIssuedV1,
  ContractFilingIssueRequestV1,
  ContractFilingSubmissionV1,
  ContractFilingV1,
  ContractsRpc,
  ErrorCode,
  Principal,
  RpcRequest,
} from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { isInRegions } from '@hn/numbering';
import { RpcClient } from '@hn/messaging';
import { ParsedContractNumber } from './contract-number.pipe';

/**
 * Gateway side of contract filings (网签合同备案取号): a first region check here on the numbers of the
 * request, then the contracts service, which checks again on its replica of the presale permits.
 * The principal goes along unchanged (its scopes decide whether buyers' ID and phone numbers come
 * back in clear, pii:read; its sandbox flag selects the 联调测试 serial space).
 */
@Injectable()
export class ContractFilingsGatewayService {
  constructor(private readonly rpc: RpcClient) {}

  issue(principal: Principal, idempotencyKey: string, submission: ContractFilingSubmissionV1, correlationId: string): Promise<ContractFilingIssuedV1> {
    const regionCode = submission.presaleNumber.slice(0, 6);
    if (!isInRegions(principal.regions, regionCode)) {
      throw new DomainException(
        403,
        ErrorCode.REGION_FORBIDDEN,
        `预售许可证 ${submission.presaleNumber} 属区划 ${regionCode}，不在本凭据的区划范围内，不能为其备案取号 (presale permit ${submission.presaleNumber} is outside the caller's regions)`,
        [{ field: 'presaleNumber', reason: `${submission.presaleNumber}: 区划 ${regionCode} 不在授权范围 (region ${regionCode} not granted)` }],
      );
    }
    const body: ContractFilingIssueRequestV1 = { idempotencyKey, submission };
    return this.call(ContractsRpc.filingIssue, principal, body, correlationId);
  }

  get(principal: Principal, contract: ParsedContractNumber, correlationId: string): Promise<ContractFilingV1> {
    this.assertRegion(principal, contract);
    const body: ContractFilingGetRequestV1 = { contractNumber: contract.value };
    return this.call(ContractsRpc.filingGet, principal, body, correlationId);
  }

  cancel(principal: Principal, contract: ParsedContractNumber, reason: string, correlationId: string): Promise<ContractFilingV1> {
    this.assertRegion(principal, contract);
    const body: ContractFilingCancelRequestV1 = { contractNumber: contract.value, reason };
    return this.call(ContractsRpc.filingCancel, principal, body, correlationId);
  }

  private assertRegion(principal: Principal, contract: ParsedContractNumber): void {
    if (!isInRegions(principal.regions, contract.regionCode)) {
      throw new DomainException(403, ErrorCode.REGION_FORBIDDEN, `合同备案 ${contract.value} 属区划 ${contract.regionCode}，无权访问 (outside the caller's regions)`);
    }
  }

  private call<T>(subject: string, principal: Principal, body: unknown, correlationId: string): Promise<T> {
    const request: RpcRequest<unknown> = { principal, body };
    return this.rpc.request<T>(subject, request, correlationId);
  }
}
