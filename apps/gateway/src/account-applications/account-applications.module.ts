import { Module } from '@nestjs/common';
import { PiiCipher } from '@hn/pii';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { StaffModule } from '../staff/staff.module';
import { AccountApplicationDraftsService } from './account-application-drafts.service';
import { AccountApplicationQueryService } from './account-application-query.service';
import { AccountApplicationReviewService } from './account-application-review.service';
import { AccountApplicationsController } from './account-applications.controller';
import { AccountApplicationsRepository } from './account-applications.repository';

/** The gateway's personal data at rest (namespace hn-gateway, key GATEWAY_PII_KEY). */
export const GATEWAY_PII_NAMESPACE = 'hn-gateway';

/** 附件2 account applications: /api/v1/account-applications (AuditService and the notifier are global). */
@Module({
  imports: [StaffModule],
  controllers: [AccountApplicationsController],
  providers: [
    {
      provide: PiiCipher,
      useFactory: (c: GatewayConfig) => new PiiCipher(c.piiKey, GATEWAY_PII_NAMESPACE),
      inject: [GATEWAY_CONFIG],
    },
    AccountApplicationsRepository,
    AccountApplicationDraftsService,
    AccountApplicationReviewService,
    AccountApplicationQueryService,
  ],
})
export class AccountApplicationsModule {}
