import { CloudEvent } from '@hn/messages';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A domain event written in the same transaction as the change; the relay publishes it to JetStream. */
@Entity({ name: 'outbox_event' })
@Index('outbox_event_unpublished_idx', ['createdAt'], { where: 'published_at IS NULL' })
export class OutboxEvent {
  /** = CloudEvent id = Nats-Msg-Id. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The NATS subject to publish on (= CloudEvent type). */
  @Column({ name: 'stream_subject', type: 'text' })
  streamSubject!: string;

  /** The full CloudEvent envelope. */
  @Column({ type: 'jsonb' })
  payload!: CloudEvent<unknown>;

  /** NATS headers to send (e.g. x-correlation-id). */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  headers!: Record<string, string>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
