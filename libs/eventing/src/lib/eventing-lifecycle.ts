import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { errorMessage } from '@hn/persistence';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { EVENTING_OPTIONS, EventingModuleOptions } from './eventing-module-options';
import { NATS_CONNECTION } from './nats-connection.token';
import { OutboxRelay } from './outbox-relay';

/**
 * Starts the outbox relay once the app is up and tears down in the last shutdown phase:
 * relay first (its round in flight completes), then NATS (drain flushes pending acks), then the pool
 * (PersistenceModule's DataSource, which the relay needs until its last round).
 * Services stop their IdempotentConsumers earlier, in onModuleDestroy.
 */
@Injectable()
export class EventingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Eventing');

  constructor(
    @Inject(EVENTING_OPTIONS) private readonly options: EventingModuleOptions,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.startRelay === false) return;
    await this.relay.start();
    this.logger.log(`outbox relay started for ${this.options.serviceName}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    if (!this.nats.isClosed())
      await this.nats.drain().catch((err: unknown) => this.logger.warn(`NATS drain failed: ${errorMessage(err)}`));
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
