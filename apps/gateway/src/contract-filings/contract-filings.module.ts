import { Module } from '@nestjs/common';
import { AnyScopeGuard } from '../presale/any-scope.guard';
import { IdempotencyKeyGuard } from '../presale/idempotency-key.guard';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { CONTRACT_FILING_RULES, ContractFilingRules } from './contract-filing-rules';
import { CancelContractFilingPipe, ContractFilingSubmissionPipe } from './contract-filing.pipes';
import { ContractFilingsController } from './contract-filings.controller';
import { ContractFilingsGatewayService } from './contract-filings-gateway.service';

/** 网签合同备案取号 in front of the contracts service. */
@Module({
  controllers: [ContractFilingsController],
  providers: [
    {
      provide: CONTRACT_FILING_RULES,
      useFactory: (c: GatewayConfig): ContractFilingRules => ({ cutoverDate: c.contractCutoverDate }),
      inject: [GATEWAY_CONFIG],
    },
    ContractFilingsGatewayService,
    ContractFilingSubmissionPipe,
    CancelContractFilingPipe,
    IdempotencyKeyGuard,
    AnyScopeGuard,
  ],
})
export class ContractFilingsModule {}
