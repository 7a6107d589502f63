import { Injectable } from '@nestjs/common';
import { AlertsEvents } from '@hn/messages';
import { EventProjectionConsumer, InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { AcceptanceGovernanceService } from './acceptance-governance.service';

/** Durable consumer (shared by replicas) of the province's approved acceptance backfills, exactly once each. */
@Injectable()
export class AcceptanceGovernanceConsumer extends EventProjectionConsumer {
  constructor(dataSource: DataSource, @InjectNats() nats: NatsConnection, service: AcceptanceGovernanceService) {
    super(
      dataSource,
      nats,
      {
        stream: AlertsEvents.stream,
        durable: 'permits-acceptance-governance',
        filterSubject: AlertsEvents.acceptanceBackfillApproved,
      },
      (event, manager) => service.apply(event, manager),
    );
  }
}
