import { EnsureStreamOptions } from './ensure-stream';
import { OutboxRelayOptions } from './outbox-relay';

export interface EventingModuleOptions {
  /** e.g. "permits"; names the NATS connection (hn-permits). */
  serviceName: string;
  /** CloudEvents source, e.g. "/hn/permits" (injectable with @InjectEventSource()). */
  eventSource: string;
  /** Streams this service publishes to (or consumes before their owner ever ran), created or updated at start. */
  streams: EnsureStreamOptions[];
  /** NATS server(s) of the service's validated config (NATS_URL read once at boot, comma separated). */
  natsUrl: string;
  /** Relay tuning (batch size, poll interval, …). */
  relay?: Omit<OutboxRelayOptions, 'dataSource' | 'natsConnection' | 'logger'>;
  /** Default true; a CLI or a read-only process may not want a relay. */
  startRelay?: boolean;
}

export const EVENTING_OPTIONS = 'HN_EVENTING_OPTIONS';
