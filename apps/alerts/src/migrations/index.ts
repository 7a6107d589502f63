import { CreateOutboxInbox1700000000000 } from '@hn/eventing';
import { InitialAlerts1766400000000 } from './1766400000000-initial-alerts';

export const alertsMigrations = [CreateOutboxInbox1700000000000, InitialAlerts1766400000000];
