import { Injectable } from '@nestjs/common';
import { EventProjectionConsumer, InjectNats } from '@hn/eventing';
import { ContractsEvents, EscrowEvents } from '@hn/messages';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { ExchangeIngestConsumer } from './exchange-ingest.consumer';

/**
 * The monthly contract-signing statistics (`hn.contracts.statistics.>` only: the contract filings carry
 * buyers and are never taken) — the same ingest as the presale stream's, its own durable consumer.
 */
@Injectable()
export class ExchangeContractsIngestConsumer extends EventProjectionConsumer {
  constructor(dataSource: DataSource, @InjectNats() nats: NatsConnection) {
    super(
      dataSource,
      nats,
      {
        stream: ContractsEvents.stream,
        durable: 'exchange-contracts',
        filterSubject: 'hn.contracts.statistics.>',
        concurrency: 1,
      },
      (event, manager, context) =>
        ExchangeIngestConsumer.ingest(event, manager, context.streamSequence, ContractsEvents.stream),
    );
  }
}

/** The escrow records (recorded, corrected): the same ingest, its own durable consumer. */
@Injectable()
export class ExchangeEscrowIngestConsumer extends EventProjectionConsumer {
  constructor(dataSource: DataSource, @InjectNats() nats: NatsConnection) {
    super(
      dataSource,
      nats,
      { stream: EscrowEvents.stream, durable: 'exchange-escrow', filterSubject: 'hn.escrow.record.>', concurrency: 1 },
      (event, manager, context) =>
        ExchangeIngestConsumer.ingest(event, manager, context.streamSequence, EscrowEvents.stream),
    );
  }
}
