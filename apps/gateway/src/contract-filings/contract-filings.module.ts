import { Module } from '@nestjs/common';
import { AnyScopeGuard } from '../presale/any-scope.guard';
import { IdempotencyKeyGuard } from '../presale/idempotency-key.guard';
import { CancelContractFilingPipe } from './contract-filing.pipes';
import { ContractFilingsController } from './contract-filings.controller';
import { ContractFilingsGatewayService } from './contract-filings-gateway.service';

/** 网签合同备案取号 in front of the contracts service. */
@Module({
  controllers: [ContractFilingsController],
  providers: [ContractFilingsGatewayService, CancelContractFilingPipe, IdempotencyKeyGuard, AnyScopeGuard],
})
export class ContractFilingsModule {}
