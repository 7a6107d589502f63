import { Injectable } from '@nestjs/common';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import { ContractFilingIssuedV1, ContractFilingSubmissionV1, ContractFilingV1, Principal, Rpc } from '@hn/messages';
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

  issue(
    principal: Principal,
    idempotencyKey: string,
    submission: ContractFilingSubmissionV1,
    correlationId: string,
  ): Promise<ContractFilingIssuedV1> {
    assertRegionAllowed(principal, regionOf(submission.presaleNumber), {
      what: `预售许可证 ${submission.presaleNumber}`,
      field: 'presaleNumber',
    });
    return this.rpc.call(Rpc.contractFilingIssue, principal, { idempotencyKey, submission }, correlationId);
  }

  get(principal: Principal, contract: ParsedContractNumber, correlationId: string): Promise<ContractFilingV1> {
    this.assertRegion(principal, contract);
    return this.rpc.call(Rpc.contractFilingGet, principal, { contractNumber: contract.value }, correlationId);
  }

  cancel(
    principal: Principal,
    contract: ParsedContractNumber,
    reason: string,
    correlationId: string,
  ): Promise<ContractFilingV1> {
    this.assertRegion(principal, contract);
    return this.rpc.call(
      Rpc.contractFilingCancel,
      principal,
      { contractNumber: contract.value, reason },
      correlationId,
    );
  }

  private assertRegion(principal: Principal, contract: ParsedContractNumber): void {
    assertRegionAllowed(principal, contract.regionCode, { what: `合同备案 ${contract.value}` });
  }
}
