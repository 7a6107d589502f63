import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event id a durable consumer has processed; written in the handler's transaction. */
@Entity({ name: 'inbox_event' })
export class InboxEvent {
  /** The durable consumer name. */
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
