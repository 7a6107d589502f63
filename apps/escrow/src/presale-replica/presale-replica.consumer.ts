import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PresaleEvents } from '@hn/contracts';
import { IdempotentConsumer, InjectNats } from '@hn/persistence';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { PresaleReplicaProjector } from './presale-replica.projector';

/** Durable JetStream consumer (shared by replicas) feeding the backfilled presale replica, exactly once per event. */
@Injectable()
export class PresaleReplicaConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer = new IdempotentConsumer();

  constructor(
    private readonly dataSource: DataSource,
    @InjectNats() private readonly nats: NatsConnection,
    private readonly projector: PresaleReplicaProjector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      natsConnection: this.nats,
      dataSource: this.dataSource,
      stream: PresaleEvents.stream,
      durable: 'escrow-presale-replica',
      // one filter (nats-server 2.9 has no multi-filter consumers); other permit events are skipped
      filterSubject: 'hn.presale.permit.>',
      handler: (event, manager) => this.projector.apply(event, manager),
      logger: new Logger(PresaleReplicaConsumer.name),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer.stop();
  }
}
