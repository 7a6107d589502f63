import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertStaff } from '@hn/auth';
import {
  FieldError,
  Principal,
  SubscriberInputV1,
  SubscriberPageV1,
  SubscriberPatchV1,
  SubscriberV1,
} from '@hn/messages';
import { PiiCipher } from '@hn/pii';
import { EXCHANGE_CONFIG, ExchangeConfig } from '../config/exchange.config';
import { secretText } from '../signing/webhook-signer';
import { ExchangeErrors } from './exchange.exception';
import { SealedJson, SubscriberRepository, SubscriberRow, SubscriberWrite } from './subscriber.repository';
import { subscriberView } from './subscriber-view';
import { webhookUrlProblems } from './webhook-url';

/** How long a rotated HMAC secret keeps signing beside the new one. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

/**
 * The subscriber registry (ADMIN only): the bodies were validated with their Rpc entries' classes by
 * @RpcHandler (SubscriberInput, SubscriberPatch, the subscriberId); the URL allowlist and what needs
 * the record (a secret to rotate, a pull client bound elsewhere) are checked here.
 */
@Injectable()
export class SubscriberService {
  private readonly cipher: PiiCipher;

  constructor(
    private readonly repository: SubscriberRepository,
    @Inject(EXCHANGE_CONFIG) private readonly config: ExchangeConfig,
  ) {
    this.cipher = new PiiCipher(config.secretKey, 'hn-exchange');
  }

  private view(row: SubscriberRow, secret?: Buffer): SubscriberV1 {
    const view = subscriberView(row, { current: this.config.signingKey, previous: this.config.previousSigningKey });
    return secret ? { ...view, secret: secretText(secret) } : view;
  }

  private seal(secret: Buffer): SealedJson {
    const s = this.cipher.encrypt(secret.toString('base64'), 'hmacSecret');
    return { c: s.ciphertext.toString('base64'), iv: s.iv.toString('base64'), tag: s.tag.toString('base64') };
  }

  /** The raw HMAC secret of a sealed column. */
  unseal(sealed: SealedJson): Buffer {
    const plain = this.cipher.decrypt(
      {
        ciphertext: Buffer.from(sealed.c, 'base64'),
        iv: Buffer.from(sealed.iv, 'base64'),
        tag: Buffer.from(sealed.tag, 'base64'),
      },
      'hmacSecret',
    );
    return Buffer.from(plain, 'base64');
  }

  private urlProblems(delivery: { mode: string; url?: string } | undefined): FieldError[] {
    if (delivery?.mode === 'FILE_DROP' && !this.config.dropRoot)
      return [
        {
          field: 'delivery.mode',
          reason: '本平台未配置文件交换目录 EXCHANGE_DROP_ROOT，不能登记 FILE_DROP (no drop root configured)',
        },
      ];
    if (!delivery || delivery.mode !== 'WEBHOOK' || typeof delivery.url !== 'string') return [];
    return webhookUrlProblems(delivery.url, this.config);
  }

  private async assertPullClientFree(clientId: string | null | undefined, self: string | null): Promise<void> {
    if (!clientId) return;
    const other = await this.repository.byPullClient(clientId);
    if (other && other.id !== self)
      throw ExchangeErrors.invalid([
        { field: 'pullClientId', reason: `已绑定订阅方 ${other.id} (bound to another subscriber)` },
      ]);
  }

  async create(principal: Principal, body: SubscriberInputV1): Promise<SubscriberV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const errors = this.urlProblems(body.delivery);
    if (errors.length > 0) throw ExchangeErrors.invalid(errors);
    await this.assertPullClientFree(body.pullClientId, null);
    const signing = body.signing ?? 'v1a';
    const secret = signing === 'v1' ? randomBytes(32) : null;
    const row = await this.repository.insert({
      id: randomUUID(),
      name: body.name.trim(),
      kind: body.kind,
      delivery_mode: body.delivery.mode,
      url: body.delivery.mode === 'WEBHOOK' ? body.delivery.url! : null,
      directory: body.delivery.mode === 'FILE_DROP' ? body.delivery.directory! : null,
      event_types: body.eventTypes,
      data_view: body.dataView,
      signing,
      secret_sealed: secret ? this.seal(secret) : null,
      previous_secret_sealed: null,
      previous_secret_valid_until: null,
      state: 'ACTIVE',
      disabled_reason: null,
      pull_client_id: body.pullClientId ?? null,
    });
    return this.view(row, secret ?? undefined);
  }

  async list(principal: Principal): Promise<SubscriberPageV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    return { items: (await this.repository.list()).map((r) => this.view(r)) };
  }

  async load(subscriberId: string): Promise<SubscriberRow> {
    const row = await this.repository.get(subscriberId);
    if (!row) throw ExchangeErrors.subscriberNotFound(subscriberId);
    return row;
  }

  async get(principal: Principal, subscriberId: string): Promise<SubscriberV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    return this.view(await this.load(subscriberId));
  }

  async update(principal: Principal, subscriberId: string, patch: SubscriberPatchV1): Promise<SubscriberV1> {
    assertStaff(principal, { roles: ['ADMIN'] });
    const current = await this.load(subscriberId);
    const errors = this.urlProblems(patch.delivery);
    if (patch.rotateSecret && current.signing !== 'v1')
      errors.push({
        field: 'rotateSecret',
        reason: '仅 v1（HMAC）订阅方有密钥可换发 (only v1 subscribers have a secret)',
      });
    if (errors.length > 0) throw ExchangeErrors.invalid(errors);
    await this.assertPullClientFree(patch.pullClientId, current.id);
    const next: SubscriberWrite = { ...current };
    if (patch.name !== undefined) next.name = patch.name.trim();
    if (patch.delivery) {
      next.delivery_mode = patch.delivery.mode;
      next.url = patch.delivery.mode === 'WEBHOOK' ? patch.delivery.url! : null;
      next.directory = patch.delivery.mode === 'FILE_DROP' ? patch.delivery.directory! : null;
    }
    if (patch.eventTypes) next.event_types = patch.eventTypes;
    if (patch.dataView) next.data_view = patch.dataView;
    if (patch.pullClientId !== undefined) next.pull_client_id = patch.pullClientId;
    if (patch.state) {
      next.state = patch.state;
      next.disabled_reason = patch.state === 'DISABLED' ? `${principal.id} 停用 (disabled by an administrator)` : null;
    }
    let secret: Buffer | undefined;
    if (patch.rotateSecret) {
      secret = randomBytes(32);
      next.previous_secret_sealed = current.secret_sealed;
      next.previous_secret_valid_until = new Date(Date.now() + SECRET_OVERLAP_MS);
      next.secret_sealed = this.seal(secret);
    }
    return this.view(await this.repository.update(next), secret);
  }
}
