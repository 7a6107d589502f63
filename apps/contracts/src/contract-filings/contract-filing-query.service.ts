import { Injectable } from '@nestjs/common';
import { ContractFilingV1, Principal } from '@hn/messages';
import { DataSource } from 'typeorm';
import { canReadPii, revealFiling } from '../filing/contract-filing-record';
import { BuyerPiiService } from '../pii/buyer-pii.service';
import { checkContractNumber, loadFiling } from './contract-filing-access';
import { ContractFilingsRepository } from './contract-filings.repository';

/** Reads of contract filings (region-scoped; buyers' ID and phone numbers masked unless pii:read). */
@Injectable()
export class ContractFilingQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pii: BuyerPiiService,
    private readonly filings: ContractFilingsRepository,
  ) {}

  async get(principal: Principal, contractNumber: string): Promise<ContractFilingV1> {
    const number = checkContractNumber(principal, contractNumber);
    const stored = await loadFiling(this.filings, this.dataSource.manager, principal, number);
    if (!canReadPii(principal)) return stored.filing;
    return revealFiling(stored.filing, await this.pii.reveal(this.dataSource.manager, stored.sandbox, number));
  }
}
