import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { EventHandler, IdempotentConsumer, IdempotentConsumerOptions } from './idempotent-consumer';

/** Where a projection consumer reads: stream, durable name (shared by the service's replicas) and filter. */
export type EventProjectionSource = Pick<IdempotentConsumerOptions, 'stream' | 'durable' | 'filterSubject'> &
  /** handlers at once; more than 1 only for projections whose writes do not depend on event order */
  Partial<Pick<IdempotentConsumerOptions, 'concurrency'>>;

/**
 * A service's durable JetStream consumer feeding a local read model (replica), exactly once per
 * event: started after the application boots, stopped (in-flight handlers finished) on shutdown.
 * Subclasses are @Injectable and pass their source and the projector's apply.
 */
export abstract class EventProjectionConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer = new IdempotentConsumer();

  protected constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnection,
    private readonly source: EventProjectionSource,
    private readonly handler: EventHandler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      natsConnection: this.nats,
      dataSource: this.dataSource,
      ...this.source,
      handler: this.handler,
      logger: new Logger(this.constructor.name),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer.stop();
  }
}
