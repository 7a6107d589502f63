import { Injectable } from '@nestjs/common';
import { PermitsEvents } from '@hn/messages';
import { EventProjectionConsumer, InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { PermitReplicaProjector } from './permit-replica.projector';

/** Durable JetStream consumer (shared by replicas) feeding the permit replica, exactly once per event. */
@Injectable()
export class PermitReplicaConsumer extends EventProjectionConsumer {
  constructor(dataSource: DataSource, @InjectNats() nats: NatsConnection, projector: PermitReplicaProjector) {
    super(
      dataSource,
      nats,
      { stream: PermitsEvents.stream, durable: 'presale-permit-replica', filterSubject: 'hn.permits.>' },
      (event, manager) => projector.apply(event, manager),
    );
  }
}
