import { Injectable } from '@nestjs/common';
import { PresaleEvents } from '@hn/messages';
import { EventProjectionConsumer, InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { PresaleReplicaProjector } from './presale-replica.projector';

/** Durable JetStream consumer (shared by replicas) feeding the presale replica, exactly once per event. */
@Injectable()
export class PresaleReplicaConsumer extends EventProjectionConsumer {
  constructor(dataSource: DataSource, @InjectNats() nats: NatsConnection, projector: PresaleReplicaProjector) {
    super(
      dataSource,
      nats,
      { stream: PresaleEvents.stream, durable: 'contracts-presale-replica', filterSubject: 'hn.presale.permit.>' },
      (event, manager) => projector.apply(event, manager),
    );
  }
}
