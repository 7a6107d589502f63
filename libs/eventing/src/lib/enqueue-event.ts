import { CloudEvent } from '@hn/messages';
import { EntityManager } from 'typeorm';
import { buildCloudEvent } from './build-cloud-event';
import { outboxInsertSql, outboxNotifySqlIfDue, outboxRowParams } from './outbox-sql';

export interface EnqueueEventArgs<T> {
  /** e.g. "/hn/permits" */
  source: string;
  /** The versioned NATS subject, also the CloudEvent type. */
  type: string;
  /** The business key the event is about. */
  subject: string;
  data: T;
  correlationId?: string;
}

/**
 * Writes a domain event to the outbox inside the caller's transaction (pass the transaction's
 * manager) and notifies the relays (debounced, see outboxNotifySqlIfDue). One round trip.
 */
export async function enqueueEvent<T>(manager: EntityManager, args: EnqueueEventArgs<T>): Promise<CloudEvent<T>> {
  const event = buildCloudEvent<T>({ source: args.source, type: args.type, subject: args.subject, data: args.data });
  await manager.query(
    `WITH inserted AS (${outboxInsertSql(1)} RETURNING 1) SELECT ${outboxNotifySqlIfDue()} FROM inserted`,
    outboxRowParams(event, args.correlationId),
  );
  return event;
}
