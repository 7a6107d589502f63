import { Injectable } from '@nestjs/common';
import { PresaleEvents } from '@hn/messages';
import { EventProjectionConsumer, InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { PresaleReplicaProjector } from './presale-replica.projector';

/** Durable JetStream consumer (shared by replicas) feeding the backfilled presale replica, exactly once per event. */
@Injectable()
export class PresaleReplicaConsumer extends EventProjectionConsumer {
  constructor(dataSource: DataSource, @InjectNats() nats: NatsConnection, projector: PresaleReplicaProjector) {
    // one filter (nats-server 2.9 has no multi-filter consumers); other permit events are skipped
    super(
      dataSource,
      nats,
      { stream: PresaleEvents.stream, durable: 'escrow-presale-replica', filterSubject: 'hn.presale.permit.>' },
      (event, manager) => projector.apply(event, manager),
    );
  }
}
