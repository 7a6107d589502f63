import { NatsConnection } from 'nats';
import { NatsConnectionState } from './nats-reconnect';

/**
 * Where a service's health check finds its RPC transport (the NestJS NATS microservice's own
 * connection, opened by createServiceApp after the module is built). Provided by PersistenceModule.
 */
export class RpcTransportMonitor {
  private state: NatsConnectionState | null = null;

  /** Called by createServiceApp once the microservice listens. */
  attach(nc: NatsConnection): void {
    this.state = new NatsConnectionState(nc);
  }

  /** The transport's connection state, or null before the microservice started. */
  get connection(): NatsConnectionState | null {
    return this.state;
  }
}
