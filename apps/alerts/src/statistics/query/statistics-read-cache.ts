import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { pgClientConfig } from '@hn/eventing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** The channel the statistics' read tables notify at every commit (migration 1768600000000). */
export const STATISTICS_CHANGED_CHANNEL = 'hn_statistics_changed';

const RETRY_MS = 2_000;
/** Answers kept at most (distinct region / date / month-range queries); beyond, the cache starts over. */
const MAX_ENTRIES = 2_000;
/** A safety bound only: every change already drops every answer. */
const MAX_AGE_MS = 10 * 60_000;

interface Entry {
  generation: number;
  at: number;
  value: Promise<unknown>;
}

/**
 * The summary's and the monthly statistics' answers, kept until the next commit that changes what they read.
 * Every write to the aggregates (rm_stat_daily / monthly / flow / total) or to the alerts notifies
 * `hn_statistics_changed` when it commits (Postgres delivers a NOTIFY only then, to every replica's
 * listener), and each notification drops every answer (a generation counter: an answer computed while a
 * notification arrived is not kept). So a read is answered from memory — no SQL, whatever the load on the
 * database — and is never older than the last commit's notification. Without a LISTEN connection (lost,
 * reconnecting every 2 s) nothing is kept and every read goes to the database.
 */
@Injectable()
export class StatisticsReadCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StatisticsReadCache.name);
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private listener: Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private running = false;
  private outage = false;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }

  /** Whether answers are being kept (the LISTEN connection is up). */
  get active(): boolean {
    return this.listener !== null;
  }

  /** The kept answer of `key`, or `compute()`'s (kept, and shared with the same reads meanwhile). */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.listener) return compute();
    const now = Date.now();
    const kept = this.entries.get(key);
    if (kept && kept.generation === this.generation && now - kept.at < MAX_AGE_MS) return kept.value as Promise<T>;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const entry: Entry = { generation: this.generation, at: now, value: compute() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value as Promise<T>;
  }

  /** Drops every answer (a change was committed, or the listener came or went). */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const client = new Client(pgClientConfig(this.dataSource, 'hn-statistics-cache'));
    client.on('notification', () => this.invalidate());
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${STATISTICS_CHANGED_CHANNEL}`);
      if (!this.running) {
        await client.end().catch(() => undefined);
        return;
      }
      this.invalidate();
      this.listener = client;
      this.outage = false;
    } catch (err) {
      this.lost(client, err);
    }
  }

  private lost(client: Client, err: unknown): void {
    if (this.listener !== null && this.listener !== client) return;
    this.listener = null;
    this.invalidate();
    client.end().catch(() => undefined);
    if (!this.running || this.retry) return;
    if (!this.outage)
      this.logger.warn(
        `statistics read cache: no LISTEN connection (${err instanceof Error ? err.message : String(err)}); ` +
          `reading the database until it is back`,
      );
    this.outage = true;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, RETRY_MS);
  }
}
