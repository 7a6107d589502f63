import { Module } from '@nestjs/common';
import { PublicGatewayService } from './public-gateway.service';
import { PublicSearchController } from './public-search.controller';
import { PublicVerificationController } from './public-verification.controller';
import { VerifyPageController } from './verify-page.controller';

@Module({
  controllers: [PublicVerificationController, PublicSearchController, VerifyPageController],
  providers: [PublicGatewayService],
})
export class PublicModule {}
