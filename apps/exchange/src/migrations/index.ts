import { CreateOutboxInbox1700000000000 } from '@hn/eventing';
import { InitialExchange1767200000000 } from './1767200000000-initial-exchange';
import { ExchangeManifests1768500000000 } from './1768500000000-exchange-manifests';
import { ExchangeEventStream1768500000001 } from './1768500000001-exchange-event-stream';

export const exchangeMigrations = [
  CreateOutboxInbox1700000000000,
  InitialExchange1767200000000,
  ExchangeManifests1768500000000,
  ExchangeEventStream1768500000001,
];
