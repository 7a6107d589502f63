import { Module } from '@nestjs/common';
import { PublicGatewayService } from './public-gateway.service';
import { PublicVerificationController } from './public-verification.controller';
import { VerifyPageController } from './verify-page.controller';

@Module({ controllers: [PublicVerificationController, VerifyPageController], providers: [PublicGatewayService] })
export class PublicModule {}
