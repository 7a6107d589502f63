import { Module } from '@nestjs/common';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffLoginService } from './staff-login.service';
import { StaffController } from './staff.controller';

/** Staff accounts and POST /api/v1/auth/login (AuditService comes from the global AuditModule). */
@Module({
  controllers: [StaffController],
  providers: [StaffAccountsRepository, StaffAccountsService, StaffLoginService],
  exports: [StaffAccountsService],
})
export class StaffModule {}
