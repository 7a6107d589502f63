import { Inject } from '@nestjs/common';

/** DI token of the service's shared nats.js NatsConnection (provided by PersistenceModule). */
export const NATS_CONNECTION = 'HN_NATS_CONNECTION';

/** DI token of the service's CloudEvents source, e.g. "/hn/permits". */
export const EVENT_SOURCE = 'HN_EVENT_SOURCE';

/** Injects the shared NatsConnection: `constructor(@InjectNats() nats: NatsConnection)`. */
export function InjectNats(): ParameterDecorator & PropertyDecorator {
  return Inject(NATS_CONNECTION);
}

/** Injects the service's event source string. */
export function InjectEventSource(): ParameterDecorator & PropertyDecorator {
  return Inject(EVENT_SOURCE);
}
