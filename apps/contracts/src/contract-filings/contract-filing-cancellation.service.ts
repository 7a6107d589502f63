import { Injectable } from '@nestjs/common';
import {
  ContractFilingCancelledV1,
  ContractFilingCancelRequestV1,
  ContractFilingV1,
  ContractsEvents,
  Principal,
} from '@hn/messages';
import { currentCorrelationId } from '@hn/observability';
import { enqueueEvent } from '@hn/eventing';
import { DataSource } from 'typeorm';
import { canReadPii, revealFiling } from '../filing/contract-filing-record';
import { ContractErrors } from '../filing/contract-filing.exception';
import { BuyerPiiService } from '../pii/buyer-pii.service';
import { checkContractNumber, loadFiling } from './contract-filing-access';
import { ContractFilingsRepository } from './contract-filings.repository';

/**
 * 注销: a filing becomes CANCELLED; its number stays (never reused, the counter never goes back)
 * and its rooms leave the active-room index, so they can be filed again under a NEW number.
 */
@Injectable()
export class ContractFilingCancellationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: BuyerPiiService,
    private readonly filings: ContractFilingsRepository,
  ) {}

  async cancel(principal: Principal, request: ContractFilingCancelRequestV1): Promise<ContractFilingV1> {
    // validated with ContractFilingCancelRequest by @RpcHandler: the number, and the reason with the
    // class the gateway validates the HTTP body with (ContractFilingCancellation)
    const number = checkContractNumber(principal, request.contractNumber);
    const reason = request.reason;
    return this.dataSource.transaction(async (manager) => {
      const stored = await loadFiling(this.filings, manager, principal, number, true);
      if (stored.status === 'CANCELLED') throw ContractErrors.alreadyCancelled(number);
      const cancellation = { reason, cancelledAt: new Date().toISOString(), cancelledBy: principal.id };
      await this.filings.cancel(manager, stored.sandbox, number, cancellation);
      const filing: ContractFilingV1 = { ...stored.filing, status: 'CANCELLED', cancellation };
      if (!stored.sandbox) {
        await enqueueEvent<ContractFilingCancelledV1>(manager, {
          source: '/hn/contracts',
          type: ContractsEvents.filingCancelled,
          subject: number,
          data: { filing },
          correlationId: currentCorrelationId(),
        });
      }
      if (!canReadPii(principal)) return filing;
      return revealFiling(filing, await this.pii.reveal(manager, stored.sandbox, number));
    });
  }
}
