import { CreateOutboxInbox1700000000000 } from '@hn/eventing';
import { InitialGateway1764200000001 } from './1764200000001-initial-gateway';
import { StaffAndAudit1764400000001 } from './1764400000001-staff-and-audit';
import { AccountLifecycle1766100000001 } from './1766100000001-account-lifecycle';
import { SessionRevocation1766600000001 } from './1766600000001-session-revocation';
import { AccountApplications1767000000001 } from './1767000000001-account-applications';
import { IntegrationRegistry1768700000001 } from './1768700000001-integration-registry';

export const gatewayMigrations = [
  CreateOutboxInbox1700000000000,
  InitialGateway1764200000001,
  StaffAndAudit1764400000001,
  AccountLifecycle1766100000001,
  SessionRevocation1766600000001,
  AccountApplications1767000000001,
  IntegrationRegistry1768700000001,
];
