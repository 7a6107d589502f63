import { Module } from '@nestjs/common';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffLoginService } from './staff-login.service';
import { StaffPasswordService } from './staff-password.service';
import { StaffController } from './staff.controller';

/**
 * Staff accounts, POST /api/v1/auth/login and POST /api/v1/auth/password (AuditService and the account
 * notifier come from the global AuditModule and AccountsModule).
 */
@Module({
  controllers: [StaffController],
  providers: [StaffAccountsRepository, StaffAccountsService, StaffLoginService, StaffPasswordService],
  exports: [StaffAccountsService, StaffAccountsRepository],
})
export class StaffModule {}
