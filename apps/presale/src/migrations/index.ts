import { CreateOutboxInbox1700000000000 } from '@hn/persistence';
import { InitialPresale1764300000000 } from './1764300000000-initial-presale';

export const presaleMigrations = [CreateOutboxInbox1700000000000, InitialPresale1764300000000];
