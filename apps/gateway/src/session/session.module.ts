import { Global, Module } from '@nestjs/common';
import { SessionRevocationRepository } from './session-revocation.repository';
import { StaffSessions } from './staff-sessions.service';

/** The staff console's cookie session support, used by the global access-token guard and the session routes. */
@Global()
@Module({
  providers: [SessionRevocationRepository, StaffSessions],
  exports: [StaffSessions],
})
export class SessionModule {}
