import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { NATS_CONNECTION } from './nats-connection.token';
import { OutboxRelay } from './outbox-relay';
import { PERSISTENCE_OPTIONS, PersistenceModuleOptions } from './persistence-module-options';
import { errorMessage } from './pg-error';

/**
 * Starts the outbox relay once the app is up and tears down in the last shutdown phase:
 * relay first (its round in flight completes), then NATS (drain flushes pending acks), then the pool.
 * Services stop their IdempotentConsumers earlier, in onModuleDestroy.
 */
@Injectable()
export class PersistenceLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Persistence');

  constructor(
    @Inject(PERSISTENCE_OPTIONS) private readonly options: PersistenceModuleOptions,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.startRelay === false) return;
    await this.relay.start();
    this.logger.log(`outbox relay started for database ${this.options.database}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    if (!this.nats.isClosed()) await this.nats.drain().catch((err: unknown) => this.logger.warn(`NATS drain failed: ${errorMessage(err)}`));
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
