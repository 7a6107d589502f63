import { Injectable } from '@nestjs/common';
import { CloudEvent, DeliveryAttemptV1, DeliveryState, DeliveryV1 } from '@hn/messages';
import { DataSource } from 'typeorm';

/** A delivery claimed for one attempt, with what the attempt needs. */
export interface ClaimedDelivery {
  subscriber_id: string;
  event_id: string;
  /** the arrival position (a string: bigint) */
  position: string;
  attempts: number;
  base_attempts: number;
  first_attempt_at: Date | null;
  cloud_event: CloudEvent<unknown>;
}

export interface AttemptRecord {
  subscriberId: string;
  eventId: string;
  attempt: number;
  at: Date;
  status: number | null;
  latencyMs: number;
  error: string | null;
}

export type DeliveryUpdate =
  { kind: 'delivered' } | { kind: 'retry'; nextAttemptAt: Date; error: string } | { kind: 'dead'; error: string };

/**
 * SQL of deliveries. Ordering per presale number: a delivery is due only when no PENDING delivery of
 * the same subscriber and ordering key has an earlier position, so one number's events go out one at
 * a time in stream order while other numbers proceed in parallel. A claim leases the row (moves its
 * next_attempt_at past the request timeout): a replica that dies mid-attempt leaves it due again.
 */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return this.dataSource.query(
      `WITH due AS (
         SELECT d.subscriber_id, d.event_id FROM exchange_delivery d
           JOIN exchange_subscriber s ON s.id = d.subscriber_id
          WHERE d.state = 'PENDING' AND d.next_attempt_at <= now() AND s.state = 'ACTIVE'
            AND s.delivery_mode IN ('WEBHOOK', 'FILE_DROP') AND (s.throttled_until IS NULL OR s.throttled_until <= now())
            AND NOT EXISTS (SELECT 1 FROM exchange_delivery e
                             WHERE e.subscriber_id = d.subscriber_id AND e.ordering_key = d.ordering_key
                               AND e.state = 'PENDING' AND e.position < d.position)
          ORDER BY d.next_attempt_at, d.position
          LIMIT $1
          FOR UPDATE OF d SKIP LOCKED),
       claimed AS (
       UPDATE exchange_delivery x SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
              attempts = x.attempts + 1, first_attempt_at = coalesce(x.first_attempt_at, now())
         FROM due, exchange_event ev
        WHERE x.subscriber_id = due.subscriber_id AND x.event_id = due.event_id AND ev.event_id = x.event_id
        RETURNING x.subscriber_id, x.event_id, x.position, x.attempts, x.base_attempts, x.first_attempt_at, ev.cloud_event)
       -- a SELECT, so the driver answers rows (an UPDATE answers [rows, count])
       SELECT * FROM claimed`,
      [limit, leaseMs],
    );
  }

  /**
   * The attempt row and the delivery's new state in one statement (a data-modifying CTE is atomic like a
   * transaction, in one round trip instead of BEGIN, two statements and COMMIT: measured in bench:exchange).
   */
  async finish(record: AttemptRecord, update: DeliveryUpdate): Promise<void> {
    const attempt = `WITH attempt AS (
         INSERT INTO exchange_attempt (subscriber_id, event_id, attempt, at, status, latency_ms, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING)`;
    const params = [
      record.subscriberId,
      record.eventId,
      record.attempt,
      record.at,
      record.status,
      record.latencyMs,
      record.error,
    ];
    if (update.kind === 'delivered')
      await this.dataSource.query(
        `${attempt}
         UPDATE exchange_delivery SET state = 'DELIVERED', delivered_at = now(), last_error = NULL
          WHERE subscriber_id = $1 AND event_id = $2`,
        params,
      );
    else if (update.kind === 'retry')
      await this.dataSource.query(
        `${attempt}
         UPDATE exchange_delivery SET next_attempt_at = $8, last_error = $9 WHERE subscriber_id = $1 AND event_id = $2`,
        [...params, update.nextAttemptAt, update.error],
      );
    else
      await this.dataSource.query(
        `${attempt}
         UPDATE exchange_delivery SET state = 'DEAD', last_error = $8 WHERE subscriber_id = $1 AND event_id = $2`,
        [...params, update.error],
      );
  }

  /**
   * Queue deliveries again (redeliver, replay, dead-letter requeue): PENDING now, retry horizon from the
   * next attempt. Events the subscriber never had a delivery of (registered later) get one. Returns the count.
   */
  async requeue(
    subscriberId: string,
    where: {
      eventIds?: string[];
      from?: Date;
      to?: Date;
      deadOnly?: boolean;
      sequences?: { stream: string; from: number; to: number };
    },
  ): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `WITH chosen AS (
         SELECT ev.event_id, ev.position, ev.ordering_key FROM exchange_event ev, exchange_subscriber s
          WHERE s.id = $1
            AND ((ev.subscriber_id IS NULL AND ev.event_type = ANY (s.event_types)) OR ev.subscriber_id = $1)
            AND ($2::uuid[] IS NULL OR ev.event_id = ANY ($2::uuid[]))
            AND ($3::timestamptz IS NULL OR ev.event_time >= $3) AND ($4::timestamptz IS NULL OR ev.event_time <= $4)
            AND ($6::text IS NULL OR (ev.stream = $6 AND ev.stream_seq BETWEEN $7 AND $8 AND ev.subscriber_id IS NULL))
            AND (NOT $5 OR EXISTS (SELECT 1 FROM exchange_delivery d WHERE d.subscriber_id = $1
                                     AND d.event_id = ev.event_id AND d.state = 'DEAD'))),
       upserted AS (
         INSERT INTO exchange_delivery (subscriber_id, event_id, position, ordering_key, state)
         SELECT $1, event_id, position, ordering_key, 'PENDING' FROM chosen
         ON CONFLICT (subscriber_id, event_id) DO UPDATE SET state = 'PENDING', next_attempt_at = now(),
           first_attempt_at = NULL, base_attempts = exchange_delivery.attempts, delivered_at = NULL
         RETURNING 1)
       SELECT count(*)::int AS n FROM upserted`,
      [
        subscriberId,
        where.eventIds ?? null,
        where.from ?? null,
        where.to ?? null,
        where.deadOnly ?? false,
        where.sequences?.stream ?? null,
        where.sequences?.from ?? null,
        where.sequences?.to ?? null,
      ],
    );
    await this.dataSource.query(`SELECT pg_notify('exchange_delivery', '')`);
    return rows[0].n;
  }

  /** A stream's last sequence received and the event times of a sequence range (for the replay's rules). */
  async sequenceSpan(
    stream: string,
    from: number,
    to: number,
  ): Promise<{ last: number | null; earliest: Date | null; latest: Date | null }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT max(stream_seq) FROM exchange_event WHERE stream = $1 AND subscriber_id IS NULL) AS last,
              min(event_time) AS earliest, max(event_time) AS latest
         FROM exchange_event WHERE stream = $1 AND subscriber_id IS NULL AND stream_seq BETWEEN $2 AND $3`,
      [stream, from, to],
    );
    return {
      last: row.last === null ? null : Number(row.last),
      earliest: row.earliest ? new Date(row.earliest) : null,
      latest: row.latest ? new Date(row.latest) : null,
    };
  }

  async list(
    subscriberId: string,
    opts: { state?: DeliveryState; eventId?: string; limit: number },
  ): Promise<DeliveryV1[]> {
    const rows: Array<{
      event_id: string;
      event_type: string;
      ordering_key: string;
      stream_seq: string;
      event_time: Date;
      state: DeliveryState;
      attempts: number;
      next_attempt_at: Date;
      history: DeliveryAttemptV1[] | null;
    }> = await this.dataSource.query(
      `SELECT d.event_id, ev.event_type, d.ordering_key, ev.stream_seq, ev.event_time, d.state, d.attempts, d.next_attempt_at,
              (SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'status', a.status,
                        'latencyMs', a.latency_ms, 'error', a.error) ORDER BY a.attempt)
                 FROM exchange_attempt a WHERE a.subscriber_id = d.subscriber_id AND a.event_id = d.event_id) AS history
         FROM exchange_delivery d JOIN exchange_event ev ON ev.event_id = d.event_id
        WHERE d.subscriber_id = $1 AND ($2::text IS NULL OR d.state = $2) AND ($3::uuid IS NULL OR d.event_id = $3)
        ORDER BY d.position DESC LIMIT $4`,
      [subscriberId, opts.state ?? null, opts.eventId ?? null, opts.limit],
    );
    return rows.map((r) => ({
      eventId: r.event_id,
      eventType: r.event_type,
      orderingKey: r.ordering_key,
      streamSequence: Number(r.stream_seq),
      eventTime: new Date(r.event_time).toISOString(),
      state: r.state,
      attempts: r.attempts,
      nextAttemptAt: r.state === 'PENDING' ? new Date(r.next_attempt_at).toISOString() : null,
      history: (r.history ?? []).map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    }));
  }

  /** Pull API: events of these types (and those addressed to the subscriber: its manifests) after the cursor, in order. */
  pull(
    eventTypes: string[],
    after: number,
    limit: number,
    subscriberId: string | null = null,
  ): Promise<Array<{ position: string; cloud_event: CloudEvent<unknown> }>> {
    return this.dataSource.query(
      `SELECT position, cloud_event FROM exchange_event
        WHERE position > $1 AND ((subscriber_id IS NULL AND event_type = ANY ($2)) OR subscriber_id = $4)
        ORDER BY position LIMIT $3`,
      [after, eventTypes, limit, subscriberId],
    );
  }
}
