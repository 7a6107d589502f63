import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryMode, SigningScheme, SubscriberKind, SubscriberState } from '@hn/messages';

/** A subscriber row (secrets still sealed). */
export interface SubscriberRow {
  id: string;
  name: string;
  kind: SubscriberKind;
  delivery_mode: DeliveryMode;
  url: string | null;
  directory: string | null;
  event_types: string[];
  data_view: string[];
  signing: SigningScheme;
  secret_sealed: SealedJson | null;
  previous_secret_sealed: SealedJson | null;
  previous_secret_valid_until: Date | null;
  state: SubscriberState;
  disabled_reason: string | null;
  pull_client_id: string | null;
  throttled_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface SealedJson {
  c: string;
  iv: string;
  tag: string;
}

export type SubscriberWrite = Omit<SubscriberRow, 'created_at' | 'updated_at' | 'throttled_until'>;

const COLUMNS = `id, name, kind, delivery_mode, url, directory, event_types, data_view, signing, secret_sealed,
  previous_secret_sealed, previous_secret_valid_until, state, disabled_reason, pull_client_id, throttled_until,
  created_at, updated_at`;

/** SQL of the subscriber registry. */
@Injectable()
export class SubscriberRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(s: SubscriberWrite): Promise<SubscriberRow> {
    const rows: SubscriberRow[] = await this.dataSource.query(
      `INSERT INTO exchange_subscriber (id, name, kind, delivery_mode, url, directory, event_types, data_view, signing,
         secret_sealed, previous_secret_sealed, previous_secret_valid_until, state, disabled_reason, pull_client_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING ${COLUMNS}`,
      [
        s.id,
        s.name,
        s.kind,
        s.delivery_mode,
        s.url,
        s.directory,
        s.event_types,
        s.data_view,
        s.signing,
        s.secret_sealed,
        s.previous_secret_sealed,
        s.previous_secret_valid_until,
        s.state,
        s.disabled_reason,
        s.pull_client_id,
      ],
    );
    return rows[0];
  }

  async update(s: SubscriberWrite, manager: EntityManager | DataSource = this.dataSource): Promise<SubscriberRow> {
    const rows: SubscriberRow[] = await manager.query(
      `WITH updated AS (UPDATE exchange_subscriber SET name = $2, delivery_mode = $3, url = $4, directory = $5, event_types = $6,
         data_view = $7, secret_sealed = $8, previous_secret_sealed = $9, previous_secret_valid_until = $10,
         state = $11, disabled_reason = $12, pull_client_id = $13,
         throttled_until = CASE WHEN $11 = 'ACTIVE' THEN NULL ELSE throttled_until END, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS})
       SELECT * FROM updated`,
      [
        s.id,
        s.name,
        s.delivery_mode,
        s.url,
        s.directory,
        s.event_types,
        s.data_view,
        s.secret_sealed,
        s.previous_secret_sealed,
        s.previous_secret_valid_until,
        s.state,
        s.disabled_reason,
        s.pull_client_id,
      ],
    );
    return rows[0];
  }

  async get(
    id: string,
    manager: EntityManager | DataSource = this.dataSource,
    lock = false,
  ): Promise<SubscriberRow | null> {
    const rows: SubscriberRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM exchange_subscriber WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  list(): Promise<SubscriberRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM exchange_subscriber ORDER BY created_at, id`);
  }

  async byPullClient(clientId: string): Promise<SubscriberRow | null> {
    const rows: SubscriberRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM exchange_subscriber WHERE pull_client_id = $1`,
      [clientId],
    );
    return rows[0] ?? null;
  }

  /** 410 Gone from the receiver. */
  async disable(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE exchange_subscriber SET state = 'DISABLED', disabled_reason = $2, updated_at = now() WHERE id = $1`,
      [id, reason],
    );
  }

  /** 429 / 503: nothing to this subscriber before `until`. */
  async throttle(id: string, until: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE exchange_subscriber SET throttled_until = GREATEST(coalesce(throttled_until, $2), $2) WHERE id = $1`,
      [id, until],
    );
  }
}
