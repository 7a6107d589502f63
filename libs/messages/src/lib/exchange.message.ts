import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  deliveryProblems,
  isExchangeId,
  isSequenceReplay,
  listProblems,
  sequenceEndReason,
  EXCHANGE_STREAMS,
  ExchangeStream,
  ReplayRangeV1,
  manifestDateReason,
  MANIFEST_VERSION,
  oneOfOrAbsentReason,
  pullClientIdReason,
  replayEndReason,
  SUBSCRIBER_PATCH_FIELDS,
  subscriberNameReason,
  DELIVERY_MODES,
  DeliveryMode,
  EXCHANGE_EVENT_TYPES,
  EXCHANGE_VIEW_FIELDS,
  SIGNING_SCHEMES,
  SigningScheme,
  SUBSCRIBER_KINDS,
  SUBSCRIBER_STATES,
  SubscriberDeliveryV1,
  SubscriberInputV1,
  SubscriberKind,
  SubscriberPatchV1,
  SubscriberState,
} from './exchange';
import { BodyRule, FieldProblems } from './validation/field-problems';
import { FieldRule } from './validation/field-rule';

const ID = '0b8e4a52-6f0c-4d53-9d6e-2f1a7c3b9e41';

/** How a subscriber takes its events (documentation class; SubscriberInput checks it with deliveryProblems). */
export class SubscriberDelivery implements SubscriberDeliveryV1 {
  @ApiProperty({ enum: DELIVERY_MODES, example: 'WEBHOOK' }) mode!: DeliveryMode;
  @ApiPropertyOptional({ example: 'https://receiver.example/hn/webhook', description: 'WEBHOOK 接收地址' })
  url?: string;
  @ApiPropertyOptional({ example: 'data-sharing', description: 'FILE_DROP 目录名（EXCHANGE_DROP_ROOT 之下）' })
  directory?: string;
}

/** delivery of a WEBHOOK subscriber (documentation: one schema per mode). */
export class WebhookDelivery {
  @ApiProperty({ enum: ['WEBHOOK'], example: 'WEBHOOK' }) mode!: 'WEBHOOK';
  @ApiProperty({ example: 'http://127.0.0.1:3190/', description: 'https 以外仅开发环境 (http only in development)' })
  url!: string;
}

export class PullDelivery {
  @ApiProperty({ enum: ['PULL'], example: 'PULL' }) mode!: 'PULL';
}

export class FileDropDelivery {
  @ApiProperty({ enum: ['FILE_DROP'], example: 'FILE_DROP' }) mode!: 'FILE_DROP';
  @ApiProperty({
    example: 'data-sharing',
    description: '目录名，位于平台的 EXCHANGE_DROP_ROOT 之下 (a directory under the drop root)',
  })
  directory!: string;
}

/*
 * The request bodies of the exchange's Rpc entries are these classes (the gateway validates the HTTP
 * body with them, the exchange service's @RpcHandler the RPC body again): every problem of a body at
 * once, with the allowed values where a list is closed. The URL allowlist is the service's (config).
 */
const Name = (optional: boolean): PropertyDecorator =>
  FieldRule('subscriberName', (v) => (optional && v === undefined ? null : subscriberNameReason(v)));
const OneOf = (name: string, allowed: readonly string[], optional: boolean): PropertyDecorator =>
  FieldRule(name, (v) => oneOfOrAbsentReason(v, allowed, optional));
const Delivery = (optional: boolean): PropertyDecorator =>
  FieldProblems('subscriberDelivery', (v) => (optional && v === undefined ? [] : deliveryProblems(v)));
const List = (name: string, allowed: readonly string[], optional: boolean): PropertyDecorator =>
  FieldProblems(name, (v) => (optional && v === undefined ? [] : listProblems(v, allowed)));
const PullClientId = (): PropertyDecorator => FieldRule('pullClientId', pullClientIdReason);
const AtLeastOneField = (): PropertyDecorator =>
  BodyRule(
    'atLeastOneField',
    (o) => !Object.values(o).some((v) => v !== undefined),
    `至少一个字段 (at least one of): ${SUBSCRIBER_PATCH_FIELDS.join(', ')}`,
  );

const DELIVERY_SCHEMA = {
  oneOf: [WebhookDelivery, PullDelivery, FileDropDelivery].map((c) => ({ $ref: getSchemaPath(c) })),
};

/** Body of POST /api/v1/admin/exchange/subscribers (and of rpc.exchange.subscriber.create.v1). */
@ApiExtraModels(WebhookDelivery, PullDelivery, FileDropDelivery)
export class SubscriberInput implements SubscriberInputV1 {
  @ApiProperty({ example: '省政务数据共享交换平台' })
  @Name(false)
  name!: string;

  @ApiProperty({ enum: SUBSCRIBER_KINDS, example: 'DATA_SHARING' })
  @OneOf('subscriberKind', SUBSCRIBER_KINDS, false)
  kind!: SubscriberKind;

  // typed with the interface: a class type would add an allOf beside the oneOf
  @ApiProperty(DELIVERY_SCHEMA)
  @Delivery(false)
  delivery!: SubscriberDeliveryV1;

  @ApiProperty({ enum: EXCHANGE_EVENT_TYPES, isArray: true, example: ['hn.presale.permit.issued.v1'] })
  @List('exchangeEventTypes', EXCHANGE_EVENT_TYPES, false)
  eventTypes!: string[];

  @ApiProperty({ enum: EXCHANGE_VIEW_FIELDS, isArray: true, example: ['presaleNumber', 'projectName', 'issueDate'] })
  @List('exchangeDataView', EXCHANGE_VIEW_FIELDS, false)
  dataView!: string[];

  @ApiPropertyOptional({ enum: SIGNING_SCHEMES, example: 'v1a', description: 'v1a Ed25519（默认）或 v1 HMAC' })
  @OneOf('signingScheme', SIGNING_SCHEMES, true)
  signing?: SigningScheme;

  @ApiPropertyOptional({
    type: String,
    example: 'c_9f2a',
    nullable: true,
    description: '可拉取该订阅事件的集成方 clientId',
  })
  @PullClientId()
  pullClientId?: string | null;
}

/** Body of PATCH /api/v1/admin/exchange/subscribers/{id}: at least one field. */
@ApiExtraModels(WebhookDelivery, PullDelivery, FileDropDelivery)
export class SubscriberPatch implements SubscriberPatchV1 {
  @ApiPropertyOptional({ example: '省财政一体化平台' })
  @AtLeastOneField()
  @Name(true)
  name?: string;

  @ApiPropertyOptional(DELIVERY_SCHEMA)
  @Delivery(true)
  delivery?: SubscriberDeliveryV1;

  @ApiPropertyOptional({ enum: EXCHANGE_EVENT_TYPES, isArray: true })
  @List('exchangeEventTypes', EXCHANGE_EVENT_TYPES, true)
  eventTypes?: string[];

  @ApiPropertyOptional({ enum: EXCHANGE_VIEW_FIELDS, isArray: true })
  @List('exchangeDataView', EXCHANGE_VIEW_FIELDS, true)
  dataView?: string[];

  @ApiPropertyOptional({ enum: SUBSCRIBER_STATES, example: 'PAUSED', description: '暂停/恢复 pause/resume' })
  @OneOf('subscriberState', SUBSCRIBER_STATES, true)
  state?: SubscriberState;

  @ApiPropertyOptional({ type: String, example: 'c_9f2a', nullable: true })
  @PullClientId()
  pullClientId?: string | null;

  @ApiPropertyOptional({ example: true, description: 'v1：换发 HMAC 密钥，旧密钥并行签名 24 小时' })
  @FieldRule('rotateSecret', (v) => (v === undefined || typeof v === 'boolean' ? null : '须为布尔值 (a boolean)'))
  rotateSecret?: boolean;
}

/** A subscriber as the registry holds it (never a secret, except `secret` once on create or rotation). */
export class SubscriberV1 {
  @ApiProperty({ example: ID }) id!: string;
  @ApiProperty({ example: '省政务数据共享交换平台' }) name!: string;
  @ApiProperty({ enum: SUBSCRIBER_KINDS, example: 'DATA_SHARING' }) kind!: SubscriberKind;
  @ApiProperty({ type: SubscriberDelivery }) delivery!: SubscriberDelivery;
  @ApiProperty({ example: ['hn.presale.permit.issued.v1'] }) eventTypes!: string[];
  @ApiProperty({ example: ['presaleNumber', 'projectName'] }) dataView!: string[];
  @ApiProperty({ enum: SIGNING_SCHEMES, example: 'v1a' }) signing!: SigningScheme;
  @ApiProperty({ enum: SUBSCRIBER_STATES, example: 'ACTIVE' }) state!: SubscriberState;
  @ApiProperty({ example: null, nullable: true, type: String }) pullClientId!: string | null;
  @ApiProperty({
    example: ['whpk_MCowBQYDK2VwAyEA…'],
    description: 'v1a：平台验签公钥（轮换期间两把）platform public keys (two during rotation)',
  })
  verificationKeys!: string[];
  @ApiProperty({ example: null, nullable: true, type: String, description: 'DISABLED 的原因' })
  disabledReason!: string | null;
  @ApiProperty({ example: '2026-12-04T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-12-04T08:00:00.000Z' }) updatedAt!: string;
  @ApiPropertyOptional({ example: 'whsec_…', description: 'v1：HMAC 密钥，仅在创建或换发时返回一次' })
  secret?: string;
}

export class SubscriberPageV1 {
  @ApiProperty({ type: [SubscriberV1] }) items!: SubscriberV1[];
}

/** One HTTP attempt of a delivery. */
export class DeliveryAttemptV1 {
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty({ example: '2026-12-04T08:00:01.000Z' }) at!: string;
  @ApiProperty({ example: 500, nullable: true, type: Number }) status!: number | null;
  @ApiProperty({ example: 12 }) latencyMs!: number;
  @ApiProperty({ example: 'HTTP 500', nullable: true, type: String }) error!: string | null;
}

export const DELIVERY_STATES = ['PENDING', 'DELIVERED', 'DEAD'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** One event for one subscriber: its state and attempts. */
export class DeliveryV1 {
  @ApiProperty({ example: ID, description: 'CloudEvent id = webhook-id' }) eventId!: string;
  @ApiProperty({ example: 'hn.presale.permit.issued.v1' }) eventType!: string;
  @ApiProperty({ example: '430223202406200101-Y01' }) orderingKey!: string;
  @ApiProperty({ example: 42 }) streamSequence!: number;
  @ApiProperty({ example: '2026-12-04T08:00:00.000Z' }) eventTime!: string;
  @ApiProperty({ enum: DELIVERY_STATES, example: 'DELIVERED' }) state!: DeliveryState;
  @ApiProperty({ example: 2 }) attempts!: number;
  @ApiProperty({ example: null, nullable: true, type: String }) nextAttemptAt!: string | null;
  @ApiProperty({ type: [DeliveryAttemptV1] }) history!: DeliveryAttemptV1[];
}

export class DeliveryPageV1 {
  @ApiProperty({ type: [DeliveryV1] }) items!: DeliveryV1[];
}

export class ReplayResultV1 {
  @ApiProperty({ example: 3, description: '重新排队的事件数 events queued again' }) queued!: number;
}

/** One event as pushed and pulled: the CloudEvent (structured JSON), data projected on the data view. */
export class ExchangeEventV1 {
  @ApiProperty({ example: '1.0' }) specversion!: string;
  @ApiProperty({ example: ID }) id!: string;
  @ApiProperty({ example: '/hn/presale' }) source!: string;
  @ApiProperty({ example: 'hn.presale.permit.issued.v1' }) type!: string;
  @ApiProperty({ example: '430223202406200101-Y01' }) subject!: string;
  @ApiProperty({ example: '2026-12-04T08:00:00.000Z' }) time!: string;
  @ApiProperty({ example: 'application/json' }) datacontenttype!: string;
  @ApiProperty({ example: { permit: { presaleNumber: '430223202406200101-Y01' } } }) data!: Record<string, unknown>;
}

export class ExchangeEventPageV1 {
  @ApiProperty({ type: [ExchangeEventV1] }) items!: ExchangeEventV1[];
  @ApiProperty({ example: '42', description: '下次请求的 cursor (pass as ?cursor= next time)' }) nextCursor!: string;
}

/** Replay body, by event time (documentation: one schema per kind of range; ReplayInput checks it). */
export class TimeReplayRange {
  @ApiProperty({ example: '2026-12-01T00:00:00+08:00' }) from!: string;
  @ApiProperty({ example: '2026-12-04T00:00:00+08:00' }) to!: string;
}

/** Replay body, by stream sequence (documentation; ReplayInput checks it). */
export class SequenceReplayRange {
  @ApiProperty({ example: 120, minimum: 1 }) fromSequence!: number;
  @ApiProperty({ example: 180, minimum: 1 }) toSequence!: number;
  @ApiPropertyOptional({ enum: EXCHANGE_STREAMS, example: 'HN_PRESALE', description: '默认 HN_PRESALE' })
  stream?: ExchangeStream;
}

/** The replay body's schema: a time range or a sequence range. */
export const REPLAY_BODY_SCHEMA = {
  oneOf: [TimeReplayRange, SequenceReplayRange].map((c) => ({ $ref: getSchemaPath(c) })),
};

/**
 * Body of POST …/{subscriberId}/replay: a time range of at most 90 days, not in the future — or a range of
 * stream sequences (the service checks it against the last sequence received and the 90 days).
 */
export class ReplayInput implements ReplayRangeV1 {
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+08:00', description: '按时间重放 by event time' })
  @FieldRule('replayFrom', (v, o) =>
    isSequenceReplay(o) && v === undefined ? null : replayEndReason('from', v, o['to'], new Date()),
  )
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-04T00:00:00+08:00' })
  @FieldRule('replayTo', (v, o) =>
    isSequenceReplay(o) && v === undefined ? null : replayEndReason('to', v, o['from'], new Date()),
  )
  to?: string;

  @ApiPropertyOptional({ example: 120, description: '按流序号重放 by stream sequence (与 from/to 二选一)' })
  @FieldRule('replayFromSequence', (v, o) => sequenceEndReason('fromSequence', v, o))
  fromSequence?: number;

  @ApiPropertyOptional({ example: 180 })
  @FieldRule('replayToSequence', (v, o) => sequenceEndReason('toSequence', v, o))
  toSequence?: number;

  @ApiPropertyOptional({
    enum: EXCHANGE_STREAMS,
    example: 'HN_PRESALE',
    description: '流序号所属的流（默认 HN_PRESALE）',
  })
  @FieldRule('replayStream', (v) => oneOfOrAbsentReason(v, EXCHANGE_STREAMS, true))
  stream?: ExchangeStream;
}

/** Body of POST …/dead-letters/requeue. */
export class RequeueInput {
  @ApiPropertyOptional({
    example: ['5d7f9a3c-2b1e-4c8d-9f0a-6e4b3c2d1a0f'],
    description: '不给则全部死信重新排队 (all dead letters when absent)',
  })
  @FieldRule('requeueEventIds', (v) =>
    v === undefined ||
    (Array.isArray(v) && v.length > 0 && v.length <= MAX_REQUEUE_IDS && v.every((id) => isExchangeId(id)))
      ? null
      : `须为 1–${MAX_REQUEUE_IDS} 个事件 id（UUID）(a list of event ids)`,
  )
  eventIds?: string[];
}

/** At most this many events per list page (deliveries, dead letters, the pull API). */
export const MAX_EXCHANGE_LIST = 500;
const MAX_REQUEUE_IDS = 1000;

/** ?limit= of a list (a query string at the gateway, a number over NATS): 1–500. */
const Limit = (): PropertyDecorator => {
  const toNumber = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : value,
  );
  const rule = FieldRule('exchangeListLimit', (v) =>
    v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_EXCHANGE_LIST)
      ? null
      : `须为 1–${MAX_EXCHANGE_LIST} 的整数 (an integer)`,
  );
  return (target: object, key: string | symbol): void => {
    toNumber(target, key);
    rule(target, key);
  };
};

/** Query of GET …/{subscriberId}/deliveries. */
export class DeliveryListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EXCHANGE_LIST, example: 100, description: '默认 100' })
  @Limit()
  limit?: number;
}

/** Query of GET /api/v1/exchange/events (and body of rpc.exchange.events.pull.v1): the pull API's page. */
export class EventsPullQuery {
  @ApiPropertyOptional({ example: '42', pattern: '^\\d{1,18}$', description: '上次返回的 nextCursor' })
  @FieldRule('exchangeCursor', (v) =>
    v === undefined || (typeof v === 'string' && /^\d{1,18}$/.test(v) && Number.isSafeInteger(Number(v)))
      ? null
      : '须为上次返回的 nextCursor (the nextCursor of the last page)',
  )
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EXCHANGE_LIST, example: 100, description: '默认 100' })
  @Limit()
  limit?: number;
}

/** Query of GET /api/v1/exchange/manifests (and body of rpc.exchange.manifest.pull.v1). */
export class ManifestQuery {
  @ApiProperty({ example: '2026-12-04', description: '中国日期 China date (YYYY-MM-DD)，不晚于今天' })
  @FieldRule('manifestDate', (v) => manifestDateReason(v, new Date()))
  date!: string;
}

/** The Ed25519 signature of a manifest. */
export class ManifestSignatureV1 {
  @ApiProperty({ enum: ['Ed25519'], example: 'Ed25519' }) alg!: 'Ed25519';
  @ApiProperty({
    example: 'whpk_MCowBQYDK2VwAyEA…',
    description: '签名公钥，须为登记结果 verificationKeys 之一 (one of the subscriber’s verificationKeys)',
  })
  keyId!: string;
  @ApiProperty({ example: 'k3Jx…==', description: 'base64 Ed25519 签名 of the signed content' }) value!: string;
}

/**
 * 每日完整性清单 A daily completeness manifest of one subscriber: the ids of the events of one China
 * date offered to it, in stream order, their count and RFC 6962 Merkle root, signed (docs/exchange.md).
 */
export class ExchangeManifestV1 {
  @ApiProperty({ enum: [MANIFEST_VERSION], example: MANIFEST_VERSION }) version!: string;
  @ApiProperty({ example: ID }) subscriberId!: string;
  @ApiProperty({ example: '2026-12-04' }) date!: string;
  @ApiProperty({
    example: true,
    description: 'true：当日结束后生成并保存，不再变化；false：当日截至 generatedAt 的临时清单 (provisional)',
  })
  final!: boolean;
  @ApiProperty({ example: '2026-12-04T16:10:00.000Z' }) generatedAt!: string;
  @ApiProperty({ example: 2 }) count!: number;
  @ApiProperty({
    example: '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    description: 'RFC 6962 Merkle 根（hex）',
  })
  merkleRoot!: string;
  @ApiProperty({ example: ['5d7f9a3c-2b1e-4c8d-9f0a-6e4b3c2d1a0f'], description: '按流序号顺序 in stream order' })
  eventIds!: string[];
  @ApiProperty({ type: ManifestSignatureV1 }) signature!: ManifestSignatureV1;
}
