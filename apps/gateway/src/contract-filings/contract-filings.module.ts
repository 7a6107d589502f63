import { Module } from '@nestjs/common';
import { AnyScopeGuard } from '../presale/any-scope.guard';
import { IdempotencyKeyGuard } from '../presale/idempotency-key.guard';
import { CONTRACT_FILING_RULES, contractFilingRulesFromEnv } from './contract-filing-rules';
import { CancelContractFilingPipe, ContractFilingSubmissionPipe } from './contract-filing.pipes';
import { ContractFilingsController } from './contract-filings.controller';
import { ContractFilingsGatewayService } from './contract-filings-gateway.service';

/** 网签合同备案取号 in front of the contracts service. */
@Module({
  controllers: [ContractFilingsController],
  providers: [
    { provide: CONTRACT_FILING_RULES, useFactory: () => contractFilingRulesFromEnv(process.env) },
    ContractFilingsGatewayService,
    ContractFilingSubmissionPipe,
    CancelContractFilingPipe,
    IdempotencyKeyGuard,
    AnyScopeGuard,
  ],
})
export class ContractFilingsModule {}
