import { CloudEvent, Headers } from '@hn/messages';
import {
  AckPolicy,
  ConsumerConfig,
  ConsumerMessages,
  DeliverPolicy,
  JsMsg,
  nanos,
  NatsConnection,
  NatsError,
} from 'nats';
import { DataSource, EntityManager } from 'typeorm';
import { backoffDelay } from './backoff';
import { PausableSleep } from './pausable-sleep';
import { RunningConsumer, runningConsumers } from './running-consumers';
import { errorMessage } from '@hn/persistence';
import { consoleWarnLogger, PersistenceLogger } from './persistence-logger';
import { subjectMatches } from './subject-match';

/** JetStream API error: consumer not found. */
const CONSUMER_NOT_FOUND = 10014;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface EventContext {
  /** The NATS subject the message arrived on. */
  natsSubject: string;
  /** x-correlation-id header, when present. */
  correlationId?: string;
  /** 1 on first delivery. */
  deliveryCount: number;
  /** Stream sequence. */
  streamSequence: number;
}

export type EventHandler = (event: CloudEvent<unknown>, manager: EntityManager, context: EventContext) => Promise<void>;

export interface IdempotentConsumerOptions {
  natsConnection: NatsConnection;
  dataSource: DataSource;
  stream: string;
  /** Durable consumer name, shared by all replicas of the consuming service (they split the work). */
  durable: string;
  filterSubject?: string;
  filterSubjects?: string[];
  handler: EventHandler;
  logger?: PersistenceLogger;
  /** Default 30 000 ms. */
  ackWaitMs?: number;
  /** Default 10 000 deliveries. */
  maxDeliver?: number;
  /** First redelivery delay after a handler failure, doubling per attempt; default 1000 ms. */
  nakDelayMs?: number;
  /** Default 60 000 ms. */
  maxNakDelayMs?: number;
  /** Messages handled at once by this instance; default 1 (in stream order per instance). */
  concurrency?: number;
  /** Messages pulled ahead; default max(16, 2 × concurrency). */
  prefetch?: number;
  /** Where a new durable starts; default DeliverPolicy.All (replay the stream). */
  deliverPolicy?: DeliverPolicy;
}

/**
 * Consumes a JetStream stream through a durable pull consumer with explicit ack, exactly once in
 * effect: per message, one transaction inserts (consumer, event id) into inbox_event and runs the
 * handler with the same manager, so the handler's writes and the "processed" mark commit together.
 * A duplicate (redelivery after a lost ack, or a republish) finds the inbox row and is only acked.
 * A failing handler rolls back and the message is nak'ed with a growing delay.
 */
export class IdempotentConsumer {
  private logger: PersistenceLogger = consoleWarnLogger;
  private clientFilters: string[] | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private messages: ConsumerMessages | null = null;
  private readonly sleeper = new PausableSleep();
  private readonly inFlight = new Set<Promise<void>>();
  private registration: RunningConsumer | null = null;
  private processedCount = 0;
  private skippedCount = 0;
  private failedCount = 0;

  get isRunning(): boolean {
    return this.running;
  }

  /** Handled, duplicate-skipped and failed message counts since start, for metrics. */
  get totals(): { processed: number; duplicates: number; failed: number } {
    return { processed: this.processedCount, duplicates: this.skippedCount, failed: this.failedCount };
  }

  /** Creates or updates the durable consumer, then consumes in the background. */
  async start(options: IdempotentConsumerOptions): Promise<void> {
    if (this.running) throw new Error(`consumer ${options.durable} already started`);
    const filters = [...(options.filterSubject ? [options.filterSubject] : []), ...(options.filterSubjects ?? [])];
    this.logger = options.logger ?? consoleWarnLogger;
    await this.resetIfInboxLost(options);
    await this.ensureConsumer(options, filters);
    this.running = true;
    this.registration = { stream: options.stream, durable: options.durable, natsConnection: options.natsConnection };
    runningConsumers.add(this.registration);
    this.loop = this.consumeLoop(options);
  }

  /**
   * The consumer's position lives in NATS, its inbox in the service's database. A durable that has
   * acknowledged messages while this database's inbox knows none of them belongs to a database that
   * is gone (recreated, restored, or a throwaway one): start it over so the stream is replayed
   * (handlers are idempotent through the inbox) instead of silently skipping everything before.
   */
  private async resetIfInboxLost(options: IdempotentConsumerOptions): Promise<void> {
    const jsm = await options.natsConnection.jetstreamManager();
    let ackFloor = 0;
    try {
      ackFloor = (await jsm.consumers.info(options.stream, options.durable)).ack_floor.stream_seq;
    } catch {
      return; // no such durable yet
    }
    if (ackFloor === 0) return;
    const [{ n }] = (await options.dataSource.query(`SELECT count(*)::int AS n FROM inbox_event WHERE consumer = $1`, [
      options.durable,
    ])) as Array<{ n: number }>;
    if (n > 0) return;
    this.logger.warn(
      `consumer ${options.durable}: acknowledged up to ${ackFloor} but this database has no inbox rows for it; replaying the stream`,
    );
    await jsm.consumers.delete(options.stream, options.durable).catch(() => undefined);
  }

  /** Stops pulling, lets handlers in flight finish (and ack), returns. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.registration) runningConsumers.delete(this.registration);
    this.sleeper.interrupt();
    await this.messages?.close().catch(() => undefined);
    await this.loop;
    this.loop = null;
  }

  private async ensureConsumer(options: IdempotentConsumerOptions, filters: string[]): Promise<void> {
    const jsm = await options.natsConnection.jetstreamManager();
    const config: Partial<ConsumerConfig> = {
      durable_name: options.durable,
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(options.ackWaitMs ?? 30_000),
      max_deliver: options.maxDeliver ?? 10_000,
      deliver_policy: options.deliverPolicy ?? DeliverPolicy.All,
      max_ack_pending: 10_000,
    };
    if (filters.length === 1) {
      config.filter_subject = filters[0];
    } else if (filters.length > 1) {
      if (serverAtLeast(options.natsConnection, 2, 10)) {
        config.filter_subjects = filters;
      } else {
        // nats-server < 2.10 has no multi-subject filters: take the whole stream, skip the rest here.
        this.clientFilters = filters;
      }
    }
    try {
      await jsm.consumers.info(options.stream, options.durable);
    } catch (err) {
      if (!(err instanceof NatsError && err.api_error?.err_code === CONSUMER_NOT_FOUND)) throw err;
      await jsm.consumers.add(options.stream, config);
      return;
    }
    try {
      // Only these fields may change on an existing consumer.
      await jsm.consumers.update(options.stream, options.durable, {
        ack_wait: config.ack_wait,
        max_deliver: config.max_deliver,
        max_ack_pending: config.max_ack_pending,
      });
    } catch (err) {
      this.logger.warn(`consumer ${options.durable}: keeping existing configuration (${errorMessage(err)})`);
    }
  }

  private async consumeLoop(options: IdempotentConsumerOptions): Promise<void> {
    const concurrency = Math.max(1, options.concurrency ?? 1);
    const prefetch = options.prefetch ?? Math.max(16, concurrency * 2);
    const js = options.natsConnection.jetstream();
    let failures = 0;
    while (this.running) {
      try {
        const consumer = await js.consumers.get(options.stream, options.durable);
        const messages = await consumer.consume({ max_messages: prefetch });
        this.messages = messages;
        if (!this.running) await messages.close();
        for await (const msg of messages) {
          failures = 0;
          if (!this.running) {
            // Pulled but not started: hand it straight back to the other replicas.
            msg.nak();
            continue;
          }
          const task = this.handle(options, msg).finally(() => this.inFlight.delete(task));
          this.inFlight.add(task);
          if (this.inFlight.size >= concurrency) await Promise.race(this.inFlight);
        }
      } catch (err) {
        this.logger.warn(`consumer ${options.durable}: ${errorMessage(err)}; resubscribing`);
      }
      this.messages = null;
      if (!this.running) break;
      failures++;
      await this.sleeper.sleep(backoffDelay(failures, 500, 15_000), false);
    }
    await Promise.all(this.inFlight);
  }

  /** Never throws: every outcome ends in ack, nak or term. */
  private async handle(options: IdempotentConsumerOptions, msg: JsMsg): Promise<void> {
    const event = parseCloudEvent(msg.data);
    if (typeof event === 'string') {
      this.logger.error(
        `consumer ${options.durable}: terminating malformed message seq ${msg.seq} on ${msg.subject}: ${event}`,
      );
      // No reason argument: nats-server < 2.10 ignores "+TERM <reason>" and would redeliver.
      safely(() => msg.term());
      return;
    }
    if (this.clientFilters && !this.clientFilters.some((f) => subjectMatches(f, msg.subject))) {
      safely(() => msg.ack());
      return;
    }
    const context: EventContext = {
      natsSubject: msg.subject,
      correlationId: msg.headers?.get(Headers.correlationId) || undefined,
      deliveryCount: msg.info.redeliveryCount,
      streamSequence: msg.seq,
    };
    try {
      const handled = await options.dataSource.transaction(async (manager) => {
        // A concurrent duplicate blocks here on the uncommitted key, then sees it and skips.
        const inserted: unknown[] = await manager.query(
          `INSERT INTO inbox_event (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
          [options.durable, event.id],
        );
        if (inserted.length === 0) return false;
        await options.handler(event, manager, context);
        return true;
      });
      if (handled) this.processedCount++;
      else this.skippedCount++;
      safely(() => msg.ack());
    } catch (err) {
      this.failedCount++;
      const delay = backoffDelay(context.deliveryCount, options.nakDelayMs ?? 1000, options.maxNakDelayMs ?? 60_000);
      const last = context.deliveryCount >= (options.maxDeliver ?? 10_000);
      const message = `consumer ${options.durable}: event ${event.id} (${event.type}) failed on delivery ${context.deliveryCount}: ${errorMessage(err)}`;
      if (last) this.logger.error(`${message}; max deliveries reached, giving up`);
      else this.logger.warn(`${message}; redelivery in ${delay} ms`);
      safely(() => msg.nak(delay));
    }
  }
}

/** The event, or why the payload is not a CloudEvent with a UUID id. */
function parseCloudEvent(data: Uint8Array): CloudEvent<unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(data));
  } catch (err) {
    return `not JSON (${errorMessage(err)})`;
  }
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const candidate = value as Partial<CloudEvent<unknown>>;
  if (typeof candidate.id !== 'string' || !UUID.test(candidate.id)) return 'missing or non-UUID id';
  if (typeof candidate.type !== 'string') return 'missing type';
  return candidate as CloudEvent<unknown>;
}

/** ack/nak/term on a closed connection throw; the server redelivers after ack_wait anyway. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // nothing to do: redelivery covers it
  }
}

function serverAtLeast(nc: NatsConnection, major: number, minor: number): boolean {
  const [ma, mi] = (nc.info?.version ?? '0.0.0').split('.').map((n) => Number.parseInt(n, 10));
  return (ma ?? 0) > major || ((ma ?? 0) === major && (mi ?? 0) >= minor);
}
