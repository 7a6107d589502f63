import { Module } from '@nestjs/common';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffLoginService } from './staff-login.service';
import { StaffPasswordService } from './staff-password.service';
import { StaffController } from './staff.controller';
import { StaffSessionController } from './staff-session.controller';

/**
 * Staff accounts, POST /api/v1/auth/login, the console's cookie session /api/v1/auth/session and
 * POST /api/v1/auth/password (AuditService and the account notifier come from the global AuditModule
 * and AccountsModule).
 */
@Module({
  controllers: [StaffController, StaffSessionController],
  providers: [StaffAccountsRepository, StaffAccountsService, StaffLoginService, StaffPasswordService],
  exports: [StaffAccountsService, StaffAccountsRepository],
})
export class StaffModule {}
