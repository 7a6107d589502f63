import { Module } from '@nestjs/common';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffLoginService } from './staff-login.service';
import { StaffController } from './staff.controller';
import { StaffSessionController } from './staff-session.controller';

/** Staff accounts, POST /api/v1/auth/login and the console's cookie session /api/v1/auth/session (AuditService comes from the global AuditModule). */
@Module({
  controllers: [StaffController, StaffSessionController],
  providers: [StaffAccountsRepository, StaffAccountsService, StaffLoginService],
  exports: [StaffAccountsService],
})
export class StaffModule {}
