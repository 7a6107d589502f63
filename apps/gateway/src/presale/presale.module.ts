import { Module } from '@nestjs/common';
import { AnyScopeGuard } from './any-scope.guard';
import { IdempotencyKeyGuard } from './idempotency-key.guard';
import { PresaleGatewayService } from './presale-gateway.service';
import { PresalePermitsController } from './presale-permits.controller';

@Module({
  controllers: [PresalePermitsController],
  providers: [PresaleGatewayService, IdempotencyKeyGuard, AnyScopeGuard],
  exports: [PresaleGatewayService],
})
export class PresaleModule {}
