import { CreateOutboxInbox1700000000000 } from '@hn/persistence';
import { InitialGateway1764200000001 } from './1764200000001-initial-gateway';

export const gatewayMigrations = [CreateOutboxInbox1700000000000, InitialGateway1764200000001];
