import { Injectable, Type } from '@nestjs/common';
import { ContractsEvents, EscrowEvents, PermitsEvents, PresaleEvents } from '@hn/messages';
import { EventProjectionConsumer, InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { AlertProjection } from './alert-projection.service';

interface Source {
  stream: string;
  durable: string;
  filterSubject: string;
  concurrency: number;
}

/** A durable consumer of one stream (shared by replicas) feeding the alerts read models, exactly once per event. */
function alertsConsumer(name: string, source: Source): Type<EventProjectionConsumer> {
  @Injectable()
  class AlertsEventsConsumer extends EventProjectionConsumer {
    constructor(dataSource: DataSource, @InjectNats() nats: NatsConnection, projection: AlertProjection) {
      super(dataSource, nats, source, async (event, manager, context) => {
        await projection.handle(event, manager, context);
      });
    }
  }
  Object.defineProperty(AlertsEventsConsumer, 'name', { value: name });
  return AlertsEventsConsumer;
}

/**
 * Events handled at once per consumer and replica. Safe because the read models do not depend on the
 * order of events (later (time, id) wins, monotone facts merge) and the evaluator locks the subjects it
 * evaluates; measured in bench:alerts (docs/benchmarks.md).
 */
const CONCURRENCY = 8;

/** Every stream the alerts depend on, from its start (a new durable replays the whole stream). */
export const ALERT_EVENT_CONSUMERS: Array<Type<EventProjectionConsumer>> = [
  alertsConsumer('PermitsEventsConsumer', {
    stream: PermitsEvents.stream,
    durable: 'alerts-permits',
    filterSubject: 'hn.permits.>',
    concurrency: CONCURRENCY,
  }),
  alertsConsumer('PresaleEventsConsumer', {
    stream: PresaleEvents.stream,
    durable: 'alerts-presale',
    filterSubject: 'hn.presale.>',
    concurrency: CONCURRENCY,
  }),
  alertsConsumer('ContractsEventsConsumer', {
    stream: ContractsEvents.stream,
    durable: 'alerts-contracts',
    filterSubject: 'hn.contracts.reconciliation.>',
    concurrency: CONCURRENCY,
  }),
  alertsConsumer('EscrowEventsConsumer', {
    stream: EscrowEvents.stream,
    durable: 'alerts-escrow',
    filterSubject: 'hn.escrow.>',
    concurrency: CONCURRENCY,
  }),
];
