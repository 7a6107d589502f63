import { CreateOutboxInbox1700000000000 } from '@hn/eventing';
import { InitialContracts1764400000000 } from './1764400000000-initial-contracts';
import { SigningStatisticsReconciliation1764600000000 } from './1764600000000-signing-statistics-reconciliation';

export const contractsMigrations = [
  CreateOutboxInbox1700000000000,
  InitialContracts1764400000000,
  SigningStatisticsReconciliation1764600000000,
];
