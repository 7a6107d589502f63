import { CreateOutboxInbox1700000000000 } from '@hn/eventing';
import { InitialEscrow1765000000000 } from './1765000000000-initial-escrow';

export const escrowMigrations = [CreateOutboxInbox1700000000000, InitialEscrow1765000000000];
