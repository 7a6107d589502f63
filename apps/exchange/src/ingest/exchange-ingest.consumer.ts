import { Injectable, Logger } from '@nestjs/common';
import { EventProjectionConsumer, InjectNats } from '@hn/eventing';
import { CloudEvent, PresaleEvents } from '@hn/messages';
import { NatsConnection } from 'nats';
import { DataSource, EntityManager } from 'typeorm';
import { isPushedType, recordOf } from './event-view';

export const DELIVERY_CHANNEL = 'exchange_delivery';

/**
 * The exchange's one durable JetStream consumer of the presale stream (`exchange-presale`, shared by
 * the replicas, in stream order): each pushable event is stored once with its stream sequence, and in
 * the same transaction (with the inbox row) one PENDING delivery per push subscriber (webhook or file drop) that takes
 * its type. Per-subscriber state then lives in the database (docs/exchange.md explains the choice).
 */
@Injectable()
export class ExchangeIngestConsumer extends EventProjectionConsumer {
  private static readonly log = new Logger('ExchangeIngestConsumer');

  constructor(dataSource: DataSource, @InjectNats() nats: NatsConnection) {
    super(
      dataSource,
      nats,
      {
        stream: PresaleEvents.stream,
        durable: 'exchange-presale',
        filterSubject: 'hn.presale.permit.>',
        concurrency: 1,
      },
      (event, manager, context) =>
        ExchangeIngestConsumer.ingest(event, manager, context.streamSequence, PresaleEvents.stream),
    );
  }

  static async ingest(
    event: CloudEvent<unknown>,
    manager: EntityManager,
    streamSequence: number,
    stream: string = PresaleEvents.stream,
  ): Promise<void> {
    if (!isPushedType(event.type)) return;
    const record = recordOf(event);
    const presaleNumber = typeof record?.['presaleNumber'] === 'string' ? record['presaleNumber'] : null;
    if (!presaleNumber || record?.['sandbox'] === true) {
      ExchangeIngestConsumer.log.warn(`skipped ${event.type} event ${event.id}: no presale number or a sandbox record`);
      return;
    }
    // the event, one PENDING delivery per push subscriber taking its type, and the dispatchers' wake-up in one
    // statement (the consumer's transaction holds it with the inbox row); an event seen before adds nothing
    await manager.query(
      `WITH ev AS (
         INSERT INTO exchange_event (event_id, stream_seq, event_type, ordering_key, event_time, cloud_event, stream)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING RETURNING position),
       queued AS (
         INSERT INTO exchange_delivery (subscriber_id, event_id, position, ordering_key, state)
         SELECT s.id, $1, ev.position, $4, 'PENDING' FROM exchange_subscriber s, ev
          WHERE s.delivery_mode IN ('WEBHOOK', 'FILE_DROP') AND s.state <> 'DISABLED' AND $3 = ANY (s.event_types)
         ON CONFLICT DO NOTHING)
       SELECT pg_notify($8, '') FROM ev`,
      [
        event.id,
        streamSequence,
        event.type,
        presaleNumber,
        event.time,
        JSON.stringify(event),
        stream,
        DELIVERY_CHANNEL,
      ],
    );
  }
}
