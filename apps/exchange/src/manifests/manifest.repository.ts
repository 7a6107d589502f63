import { Injectable } from '@nestjs/common';
import { CloudEvent, ExchangeManifestV1, MANIFEST_EVENT_TYPE } from '@hn/messages';
import { DataSource } from 'typeorm';
import { DELIVERY_CHANNEL } from '../ingest/exchange-ingest.consumer';

/**
 * SQL of the completeness manifests. The events of a subscriber's manifest for one China date: the
 * stream's events (not those addressed to one subscriber) of its types with event time in the day,
 * that the platform offered it — for PULL every such event, for push modes those with a delivery row
 * (registered later or disabled meanwhile: not offered, unless replayed) — in stream order (position).
 */
@Injectable()
export class ManifestRepository {
  constructor(private readonly dataSource: DataSource) {}

  async eventIds(subscriberId: string, start: Date, end: Date): Promise<string[]> {
    const rows: Array<{ event_id: string }> = await this.dataSource.query(
      `SELECT ev.event_id FROM exchange_event ev JOIN exchange_subscriber s ON s.id = $1
        WHERE ev.subscriber_id IS NULL AND ev.event_time >= $2 AND ev.event_time < $3
          AND ev.event_type = ANY (s.event_types)
          AND (s.delivery_mode = 'PULL' OR EXISTS (SELECT 1 FROM exchange_delivery d
                                                    WHERE d.subscriber_id = $1 AND d.event_id = ev.event_id))
        ORDER BY ev.position`,
      [subscriberId, start, end],
    );
    return rows.map((r) => r.event_id);
  }

  async stored(subscriberId: string, date: string): Promise<ExchangeManifestV1 | null> {
    const rows: Array<{ manifest: ExchangeManifestV1 }> = await this.dataSource.query(
      `SELECT manifest FROM exchange_manifest WHERE subscriber_id = $1 AND date = $2`,
      [subscriberId, date],
    );
    return rows[0]?.manifest ?? null;
  }

  /** Subscribers (not DISABLED) registered before `before`, that a closed day needs a manifest for. */
  async missing(date: string, before: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT s.id FROM exchange_subscriber s
        WHERE s.state <> 'DISABLED' AND s.created_at < $2
          AND NOT EXISTS (SELECT 1 FROM exchange_manifest m WHERE m.subscriber_id = s.id AND m.date = $1)`,
      [date, before],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Keep a final manifest (first writer wins: replicas race harmlessly) and, for a push subscriber, queue
   * it as its own CloudEvent in the same transaction. Returns the manifest kept.
   */
  async storeFinal(manifest: ExchangeManifestV1, event: CloudEvent<unknown>): Promise<ExchangeManifestV1> {
    return this.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO exchange_manifest (subscriber_id, date, manifest) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING 1`,
        [manifest.subscriberId, manifest.date, JSON.stringify(manifest)],
      );
      if (inserted.length === 0) {
        const [kept] = await m.query(`SELECT manifest FROM exchange_manifest WHERE subscriber_id = $1 AND date = $2`, [
          manifest.subscriberId,
          manifest.date,
        ]);
        return kept.manifest as ExchangeManifestV1;
      }
      const [{ position }] = await m.query(
        `INSERT INTO exchange_event (event_id, stream_seq, event_type, ordering_key, event_time, cloud_event, subscriber_id, stream)
         VALUES ($1, 0, $2, $3, $4, $5, $6, 'exchange') RETURNING position`,
        [
          event.id,
          MANIFEST_EVENT_TYPE,
          `manifest:${manifest.subscriberId}`,
          event.time,
          JSON.stringify(event),
          manifest.subscriberId,
        ],
      );
      await m.query(
        `INSERT INTO exchange_delivery (subscriber_id, event_id, position, ordering_key, state)
         SELECT id, $2, $3, $4, 'PENDING' FROM exchange_subscriber WHERE id = $1 AND delivery_mode <> 'PULL'`,
        [manifest.subscriberId, event.id, position, `manifest:${manifest.subscriberId}`],
      );
      await m.query(`SELECT pg_notify($1, '')`, [DELIVERY_CHANNEL]);
      return manifest;
    });
  }
}
