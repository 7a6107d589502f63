import { Inject, Injectable } from '@nestjs/common';
import { assertStaff } from '@hn/auth';
import { buildCloudEvent } from '@hn/eventing';
import {
  chinaDateOf,
  chinaDayRange,
  ExchangeManifestV1,
  MANIFEST_EVENT_TYPE,
  MANIFEST_VERSION,
  Principal,
} from '@hn/messages';
import { EXCHANGE_CONFIG, ExchangeConfig } from '../config/exchange.config';
import { EXCHANGE_READ_SCOPE } from '../pull/pull.service';
import { publicKeyText } from '../signing/webhook-signer';
import { ExchangeErrors } from '../subscribers/exchange.exception';
import { SubscriberRepository, SubscriberRow } from '../subscribers/subscriber.repository';
import { SubscriberService } from '../subscribers/subscriber.service';
import { ManifestRepository } from './manifest.repository';
import { eventIdsRoot } from './merkle-tree';
import { signManifest } from './manifest-signature';

const DAY_MS = 86_400_000;
/** Closed days looked at by each check: a replica down over midnight still makes the manifests it missed. */
const DAYS_BACK = 3;

/**
 * 每日完整性清单: per subscriber and China date, the ids of the events offered to it (stream order), their
 * count and RFC 6962 Merkle root, signed with the exchange's Ed25519 key (the v1a key of verificationKeys).
 * A day is final `manifests.delayMs` after it ends: then the manifest is kept unchanged and pushed to a
 * push subscriber as its own event; before that, a request is answered with a provisional one.
 */
@Injectable()
export class ManifestService {
  constructor(
    private readonly repository: ManifestRepository,
    private readonly subscribers: SubscriberRepository,
    private readonly subscriberService: SubscriberService,
    @Inject(EXCHANGE_CONFIG) private readonly config: ExchangeConfig,
  ) {}

  private closed(date: string, now: Date): boolean {
    return chinaDayRange(date).end.getTime() + this.config.manifests.delayMs <= now.getTime();
  }

  async build(subscriberId: string, date: string, now: Date): Promise<ExchangeManifestV1> {
    const { start, end } = chinaDayRange(date);
    const eventIds = await this.repository.eventIds(subscriberId, start, end);
    const signed = {
      subscriberId,
      date,
      final: this.closed(date, now),
      generatedAt: now.toISOString(),
      count: eventIds.length,
      merkleRoot: eventIdsRoot(eventIds),
    };
    return {
      version: MANIFEST_VERSION,
      ...signed,
      eventIds,
      signature: {
        alg: 'Ed25519',
        keyId: publicKeyText(this.config.signingKey),
        value: signManifest(signed, this.config.signingKey),
      },
    };
  }

  /** The kept manifest of a closed day (made and pushed now if not yet), else a provisional one. */
  async manifestOf(subscriber: SubscriberRow, date: string, now = new Date()): Promise<ExchangeManifestV1> {
    const stored = await this.repository.stored(subscriber.id, date);
    if (stored) return stored;
    const manifest = await this.build(subscriber.id, date, now);
    if (!manifest.final) return manifest;
    const event = buildCloudEvent({
      source: '/hn/exchange',
      type: MANIFEST_EVENT_TYPE,
      subject: `${subscriber.id}/${date}`,
      data: manifest,
      time: now,
    });
    return this.repository.storeFinal(manifest, event);
  }

  /** ADMIN: any subscriber's manifest. */
  async forAdmin(principal: Principal, subscriberId: string, date: string): Promise<ExchangeManifestV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    return this.manifestOf(await this.subscriberService.load(subscriberId), date);
  }

  /** The caller's own subscriber (a credential bound by pullClientId, scope exchange:read). */
  async forCredential(principal: Principal, date: string): Promise<ExchangeManifestV1> {
    if (principal?.kind !== 'integrator' || principal.sandbox || !principal.scopes?.includes(EXCHANGE_READ_SCOPE))
      throw ExchangeErrors.notBound();
    const subscriber = await this.subscribers.byPullClient(principal.id);
    // as the pull API: a disabled subscriber's credential is refused
    if (!subscriber || subscriber.state === 'DISABLED') throw ExchangeErrors.notBound();
    return this.manifestOf(subscriber, date);
  }

  /** Make the final manifests of the last closed days that lack one; returns how many were made. */
  async closeDays(now = new Date()): Promise<number> {
    let made = 0;
    // oldest first: one subscriber's manifests go out one at a time in this order (one ordering key)
    for (let back = DAYS_BACK; back >= 1; back--) {
      const date = chinaDateOf(now.getTime() - this.config.manifests.delayMs - back * DAY_MS);
      for (const id of await this.repository.missing(date, chinaDayRange(date).end)) {
        const subscriber = await this.subscribers.get(id);
        if (subscriber) {
          await this.manifestOf(subscriber, date, now);
          made++;
        }
      }
    }
    return made;
  }
}
