import { CreateOutboxInbox1700000000000 } from '@hn/persistence';
import { InitialContracts1764400000000 } from './1764400000000-initial-contracts';

export const contractsMigrations = [CreateOutboxInbox1700000000000, InitialContracts1764400000000];
