import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { CloudEvent, ExchangeManifestV1, MANIFEST_EVENT_TYPE } from '@hn/messages';
import { errorMessage } from '@hn/persistence';
import { DataSource } from 'typeorm';
import { EXCHANGE_CONFIG, ExchangeConfig } from '../config/exchange.config';
import { projectEvent } from '../ingest/event-view';
import { DELIVERY_CHANNEL } from '../ingest/exchange-ingest.consumer';
import { webhookHeaders, WebhookKey } from '../signing/webhook-signer';
import { SubscriberRepository, SubscriberRow } from '../subscribers/subscriber.repository';
import { SubscriberService } from '../subscribers/subscriber.service';
import { ClaimedDelivery, DeliveryRepository } from './delivery.repository';
import { ExchangeMetrics } from './exchange.metrics';
import { attemptOutcome } from './retry-policy';
import { dropFileName, writeDailyFile, writeDropFile } from './file-drop-writer';
import { SendResult, sendWebhook } from './webhook-sender';

/**
 * Sends due deliveries: woken by NOTIFY on new or requeued deliveries, polling otherwise. Each claimed
 * delivery gets one signed POST (or, for a file drop, one file with the same headers and body); the
 * attempt is recorded and the delivery moved on (retry policy; a failed write retries like a refused connection).
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(DeliveryDispatcher.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private listener: { release(): void; query(sql: string): Promise<unknown> } | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: DeliveryRepository,
    private readonly subscribers: SubscriberRepository,
    private readonly subscriberService: SubscriberService,
    private readonly metrics: ExchangeMetrics,
    @Inject(EXCHANGE_CONFIG) private readonly config: ExchangeConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.listen().catch((err) => this.log.warn(`LISTEN failed, polling only: ${errorMessage(err)}`));
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all(this.inFlight);
    this.listener?.release();
  }

  private async listen(): Promise<void> {
    const driver = this.dataSource.driver as unknown as {
      master: {
        connect(): Promise<{
          release(): void;
          query(sql: string): Promise<unknown>;
          on(e: string, f: () => void): void;
        }>;
      };
    };
    const client = await driver.master.connect();
    client.on('notification', () => this.wake?.());
    await client.query(`LISTEN ${DELIVERY_CHANNEL}`);
    this.listener = client;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(), ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    const { concurrency, pollMs, requestTimeoutMs } = this.config.delivery;
    while (this.running) {
      let claimed: ClaimedDelivery[] = [];
      const free = concurrency - this.inFlight.size;
      if (free > 0) {
        try {
          claimed = await this.deliveries.claimDue(free, requestTimeoutMs + 5000);
        } catch (err) {
          this.log.warn(`claiming deliveries failed: ${errorMessage(err)}`);
        }
      }
      for (const delivery of claimed) {
        const task = this.attempt(delivery).finally(() => this.inFlight.delete(task));
        this.inFlight.add(task);
      }
      if (!this.running) break;
      if (claimed.length === 0 || this.inFlight.size >= concurrency)
        await (this.inFlight.size >= concurrency ? Promise.race(this.inFlight) : this.sleep(pollMs));
    }
  }

  private keysOf(subscriber: SubscriberRow): WebhookKey[] {
    if (subscriber.signing === 'v1a')
      return [this.config.signingKey, this.config.previousSigningKey]
        .filter((k) => k !== null)
        .map((privateKey) => ({ scheme: 'v1a' as const, privateKey: privateKey! }));
    const keys: WebhookKey[] = [];
    if (subscriber.secret_sealed)
      keys.push({ scheme: 'v1', secret: this.subscriberService.unseal(subscriber.secret_sealed) });
    if (
      subscriber.previous_secret_sealed &&
      subscriber.previous_secret_valid_until &&
      new Date(subscriber.previous_secret_valid_until).getTime() > Date.now()
    )
      keys.push({ scheme: 'v1', secret: this.subscriberService.unseal(subscriber.previous_secret_sealed) });
    return keys;
  }

  /** A webhook POST, or a file of the drop (same headers and body); null when the subscriber has nowhere to go. */
  private async send(
    subscriber: SubscriberRow,
    delivery: ClaimedDelivery,
    headers: ReturnType<typeof webhookHeaders>,
    body: string,
  ): Promise<(SendResult & { written: boolean }) | null> {
    if (subscriber.delivery_mode === 'FILE_DROP') {
      if (!subscriber.directory) return null;
      if (!this.config.dropRoot)
        return { written: false, status: null, retryAfter: null, latencyMs: 0, error: 'EXCHANGE_DROP_ROOT 未配置' };
      const name = dropFileName(delivery.position, delivery.event_id);
      let result = await writeDropFile(this.config.dropRoot, subscriber.directory, name, { ...headers, body });
      // a day's final manifest also writes the day's NDJSON file (its events in order, then the manifest)
      const manifest =
        delivery.cloud_event.type === MANIFEST_EVENT_TYPE ? (delivery.cloud_event.data as ExchangeManifestV1) : null;
      if (result.written && manifest)
        result = await writeDailyFile(this.config.dropRoot, subscriber.directory, manifest.date, manifest.eventIds, {
          ...headers,
          body,
        });
      return {
        written: result.written,
        status: null,
        retryAfter: null,
        latencyMs: result.latencyMs,
        error: result.error,
      };
    }
    if (!subscriber.url) return null;
    const result = await sendWebhook(subscriber.url, headers, body, {
      timeoutMs: this.config.delivery.requestTimeoutMs,
      rules: this.config,
    });
    return { ...result, written: false };
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    try {
      const subscriber = await this.subscribers.get(delivery.subscriber_id);
      if (!subscriber) return;
      const event = projectEvent(delivery.cloud_event as CloudEvent<unknown>, subscriber.data_view);
      const body = JSON.stringify(event);
      const at = new Date();
      const headers = webhookHeaders(this.keysOf(subscriber), event.id, Math.floor(at.getTime() / 1000), body);
      const result = await this.send(subscriber, delivery, headers, body);
      if (!result) return;
      const now = Date.now();
      const outcome = result.written
        ? ({ kind: 'delivered' } as const)
        : attemptOutcome(
            {
              status: result.status,
              retryAfter: result.retryAfter,
              attemptInRound: delivery.attempts - delivery.base_attempts,
              firstAttemptAt: new Date(delivery.first_attempt_at ?? at).getTime(),
              now,
            },
            {
              baseMs: this.config.delivery.retryBaseMs,
              maxMs: this.config.delivery.retryMaxMs,
              horizonMs: this.config.delivery.retryHorizonMs,
            },
          );
      const record = {
        subscriberId: subscriber.id,
        eventId: event.id,
        attempt: delivery.attempts,
        at,
        status: result.status,
        latencyMs: result.latencyMs,
        error: result.error,
      };
      this.metrics.attempted(outcome.kind, result.latencyMs);
      if (outcome.kind === 'delivered') await this.deliveries.finish(record, { kind: 'delivered' });
      else if (outcome.kind === 'dead')
        await this.deliveries.finish(record, { kind: 'dead', error: result.error ?? outcome.reason });
      else {
        const delayMs = outcome.kind === 'retry' ? outcome.delayMs : this.config.delivery.retryBaseMs;
        await this.deliveries.finish(record, {
          kind: 'retry',
          nextAttemptAt: new Date(now + delayMs),
          error: result.error ?? 'unknown',
        });
        if (outcome.kind === 'disable') {
          await this.subscribers.disable(subscriber.id, outcome.reason);
          this.log.warn(`subscriber ${subscriber.id} disabled: ${outcome.reason}`);
        } else if (outcome.throttleSubscriberMs > 0)
          await this.subscribers.throttle(subscriber.id, new Date(now + outcome.throttleSubscriberMs));
      }
    } catch (err) {
      // the lease expires and the delivery is due again
      this.log.warn(`delivery of ${delivery.event_id} to ${delivery.subscriber_id} failed: ${errorMessage(err)}`);
    }
  }
}
