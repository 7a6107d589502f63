import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PermitsEvents } from '@hn/contracts';
import { IdempotentConsumer, InjectNats } from '@hn/persistence';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { PermitReplicaProjector } from './permit-replica.projector';

/** Durable JetStream consumer (shared by replicas) feeding the permit replica, exactly once per event. */
@Injectable()
export class PermitReplicaConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer = new IdempotentConsumer();

  constructor(
    private readonly dataSource: DataSource,
    @InjectNats() private readonly nats: NatsConnection,
    private readonly projector: PermitReplicaProjector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start({
      natsConnection: this.nats,
      dataSource: this.dataSource,
      stream: PermitsEvents.stream,
      durable: 'presale-permit-replica',
      filterSubject: 'hn.permits.>',
      handler: (event, manager) => this.projector.apply(event, manager),
      logger: new Logger(PermitReplicaConsumer.name),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer.stop();
  }
}
