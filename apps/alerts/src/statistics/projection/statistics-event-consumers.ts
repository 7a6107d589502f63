import { Injectable, Type } from '@nestjs/common';
import { ContractsEvents, EscrowEvents, PermitsEvents, PresaleEvents } from '@hn/messages';
import { EventProjectionConsumer, InjectNats } from '@hn/eventing';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { StatisticsProjector } from './statistics.projector';

interface Source {
  stream: string;
  durable: string;
  filterSubject: string;
}

/**
 * The statistics' own durable consumers (statistics-*), apart from the alerts' ones: each replays its
 * stream from the start into rm_stat_* with its own inbox entries, so the statistics can be rebuilt
 * (or added to a running platform) without touching the alerts.
 */
function statisticsConsumer(name: string, source: Source): Type<EventProjectionConsumer> {
  @Injectable()
  class StatisticsEventsConsumer extends EventProjectionConsumer {
    constructor(dataSource: DataSource, @InjectNats() nats: NatsConnection, projector: StatisticsProjector) {
      super(dataSource, nats, { ...source, concurrency: CONCURRENCY }, async (event, manager) => {
        await projector.apply(event, manager);
      });
    }
  }
  Object.defineProperty(StatisticsEventsConsumer, 'name', { value: name });
  return StatisticsEventsConsumer;
}

/** Events at once per consumer and replica: the projection is order-independent and locks what it reads. */
const CONCURRENCY = 8;

export const STATISTICS_EVENT_CONSUMERS: Array<Type<EventProjectionConsumer>> = [
  statisticsConsumer('StatisticsPermitsConsumer', {
    stream: PermitsEvents.stream,
    durable: 'statistics-permits',
    filterSubject: 'hn.permits.>',
  }),
  statisticsConsumer('StatisticsPresaleConsumer', {
    stream: PresaleEvents.stream,
    durable: 'statistics-presale',
    filterSubject: 'hn.presale.>',
  }),
  statisticsConsumer('StatisticsFilingsConsumer', {
    stream: ContractsEvents.stream,
    durable: 'statistics-filings',
    filterSubject: 'hn.contracts.filing.>',
  }),
  statisticsConsumer('StatisticsEscrowConsumer', {
    stream: EscrowEvents.stream,
    durable: 'statistics-escrow',
    filterSubject: 'hn.escrow.>',
  }),
];
