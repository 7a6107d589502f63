import { Global, Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { ACCOUNT_NOTIFIER } from './account-events';
import { AccountStateCache } from './account-state.cache';
import { AccountStateRepository } from './account-state.repository';
import { AdminIntegratorsController } from './admin-integrators.controller';
import { AdminStaffController } from './admin-staff.controller';
import { IntegratorAdminService } from './integrator-admin.service';
import { NatsAccountNotifier } from './nats-account-notifier';
import { StaffAdminRepository } from './staff-admin.repository';
import { StaffAdminService } from './staff-admin.service';

/**
 * Account lifecycle: the ADMIN API (/api/v1/admin/integrators, /api/v1/admin/staff) and the
 * per-replica account state cache the access-token guard checks every token against.
 */
@Global()
@Module({
  imports: [StaffModule],
  controllers: [AdminIntegratorsController, AdminStaffController],
  providers: [
    AccountStateRepository,
    AccountStateCache,
    { provide: ACCOUNT_NOTIFIER, useClass: NatsAccountNotifier },
    IntegratorAdminService,
    StaffAdminRepository,
    StaffAdminService,
  ],
  exports: [AccountStateCache, ACCOUNT_NOTIFIER],
})
export class AccountsModule {}
