import { isPlainText } from './plain-text';
import { FieldError } from './problem';

/**
 * 数据推送 (data push to the provincial platforms, issue 15): the subscriber registry, deliveries and
 * the pull API of the exchange service. Wire names of its request/reply subjects are below, never renamed.
 */
export const ExchangeRpc = {
  health: 'rpc.exchange.health.v1',
  subscriberCreate: 'rpc.exchange.subscriber.create.v1',
  subscriberList: 'rpc.exchange.subscriber.list.v1',
  subscriberGet: 'rpc.exchange.subscriber.get.v1',
  subscriberUpdate: 'rpc.exchange.subscriber.update.v1',
  deliveryList: 'rpc.exchange.delivery.list.v1',
  redeliver: 'rpc.exchange.delivery.redeliver.v1',
  replay: 'rpc.exchange.delivery.replay.v1',
  deadLetterList: 'rpc.exchange.dead-letter.list.v1',
  deadLetterRequeue: 'rpc.exchange.dead-letter.requeue.v1',
  eventsPull: 'rpc.exchange.events.pull.v1',
} as const;

export const SUBSCRIBER_KINDS = ['DATA_SHARING', 'FISCAL', 'CREDIT', 'OTHER'] as const;
export type SubscriberKind = (typeof SUBSCRIBER_KINDS)[number];
export const DELIVERY_MODES = ['WEBHOOK', 'PULL', 'FILE_DROP'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
export const SUBSCRIBER_STATES = ['ACTIVE', 'PAUSED', 'DISABLED'] as const;
export type SubscriberState = (typeof SUBSCRIBER_STATES)[number];
/** v1a: Ed25519 with the platform's key (default); v1: HMAC-SHA256 with a secret of the subscriber's own. */
export const SIGNING_SCHEMES = ['v1a', 'v1'] as const;
export type SigningScheme = (typeof SIGNING_SCHEMES)[number];

/** Event types a subscriber may take (the presale stream; contract-filing statistics and escrow not yet). */
export const EXCHANGE_EVENT_TYPES = [
  'hn.presale.permit.issued.v1',
  'hn.presale.permit.backfilled.v1',
  'hn.presale.permit.corrected.v1',
] as const;
export type ExchangeEventType = (typeof EXCHANGE_EVENT_TYPES)[number];

/**
 * Fields of a presale permit a data view may name (数据目录 resource PRESALE_PERMIT). The presale
 * permit carries no buyer: buyers' personal data is not in any pushed resource and can never be chosen.
 * presaleNumber is always delivered (the ordering key).
 */
export const PRESALE_VIEW_FIELDS = [
  'presaleNumber',
  'letter',
  'serial',
  'projectCode',
  'regionCode',
  'constructionPermitNumbers',
  'unitCodes',
  'localCertificateNumber',
  'issuingAuthority',
  'issueDate',
  'developer',
  'projectName',
  'address',
  'buildings',
  'presaleArea',
  'unitCount',
  'plannedUse',
  'fundSupervision',
  'location',
  'chainToken',
  'verifyUrl',
  'logIndex',
  'status',
  'issuedAt',
] as const;

export interface SubscriberDeliveryV1 {
  mode: DeliveryMode;
  /** WEBHOOK: the receiver's URL (https outside development; host on EXCHANGE_ALLOWED_HOSTS) */
  url?: string;
  /** FILE_DROP: directory name under the platform's drop root (the file drop itself is not built yet) */
  directory?: string;
}

export interface SubscriberInputV1 {
  name: string;
  kind: SubscriberKind;
  delivery: SubscriberDeliveryV1;
  eventTypes: string[];
  dataView: string[];
  signing?: SigningScheme;
  /** integrator clientId allowed to pull this subscriber's events (scope exchange:read) */
  pullClientId?: string | null;
}

export interface SubscriberPatchV1 {
  name?: string;
  delivery?: SubscriberDeliveryV1;
  eventTypes?: string[];
  dataView?: string[];
  state?: SubscriberState;
  pullClientId?: string | null;
  /** v1 only: a new HMAC secret; the old one keeps signing beside it for 24 h */
  rotateSecret?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIRECTORY = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const CLIENT_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function isExchangeId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf(list: readonly string[]): string {
  return `须为以下之一 (one of): ${list.join(', ')}`;
}

function checkList(field: string, value: unknown, allowed: readonly string[], errors: FieldError[]): void {
  if (!Array.isArray(value) || value.length === 0 || value.length > allowed.length) {
    errors.push({ field, reason: `须为非空列表，${oneOf(allowed)} (a non-empty list)` });
    return;
  }
  const seen = new Set<unknown>();
  value.forEach((item, i) => {
    if (typeof item !== 'string' || !allowed.includes(item))
      errors.push({ field: `${field}[${i}]`, reason: `未知取值 (unknown value); ${oneOf(allowed)}` });
    else if (seen.has(item)) errors.push({ field: `${field}[${i}]`, reason: '重复 (duplicate)' });
    seen.add(item);
  });
}

function checkDelivery(value: unknown, errors: FieldError[]): void {
  if (!isObject(value)) {
    errors.push({ field: 'delivery', reason: '须为对象 { mode, url | directory } (an object)' });
    return;
  }
  for (const key of Object.keys(value))
    if (!['mode', 'url', 'directory'].includes(key))
      errors.push({ field: `delivery.${key}`, reason: '未知字段 (unknown field); 允许 allowed: mode, url, directory' });
  if (typeof value['mode'] !== 'string' || !(DELIVERY_MODES as readonly string[]).includes(value['mode'])) {
    errors.push({ field: 'delivery.mode', reason: oneOf(DELIVERY_MODES) });
    return;
  }
  if (value['mode'] === 'WEBHOOK' && !isPlainText(value['url'], 2000))
    errors.push({ field: 'delivery.url', reason: 'WEBHOOK 须给出 URL，≤ 2000 字符，无控制字符 (a URL of plain text)' });
  if (value['mode'] !== 'WEBHOOK' && value['url'] !== undefined)
    errors.push({ field: 'delivery.url', reason: '仅 WEBHOOK 可给出 URL (only for WEBHOOK)' });
  if (value['mode'] === 'FILE_DROP' && (typeof value['directory'] !== 'string' || !DIRECTORY.test(value['directory'])))
    errors.push({ field: 'delivery.directory', reason: '须为目录名 [a-z0-9_-]，≤ 63 字符 (a directory name)' });
  if (value['mode'] !== 'FILE_DROP' && value['directory'] !== undefined)
    errors.push({ field: 'delivery.directory', reason: '仅 FILE_DROP 可给出目录 (only for FILE_DROP)' });
}

function checkCommon(body: Record<string, unknown>, errors: FieldError[], partial: boolean): void {
  const has = (k: string): boolean => body[k] !== undefined;
  if (!partial || has('name'))
    if (!isPlainText(body['name'], 100))
      errors.push({ field: 'name', reason: '须为 1–100 字符的名称 (a name of 1..100 characters)' });
  if (!partial || has('delivery')) checkDelivery(body['delivery'], errors);
  if (!partial || has('eventTypes')) checkList('eventTypes', body['eventTypes'], EXCHANGE_EVENT_TYPES, errors);
  if (!partial || has('dataView')) checkList('dataView', body['dataView'], PRESALE_VIEW_FIELDS, errors);
  if (has('pullClientId') && body['pullClientId'] !== null)
    if (typeof body['pullClientId'] !== 'string' || !CLIENT_ID.test(body['pullClientId']))
      errors.push({ field: 'pullClientId', reason: '须为集成方 clientId 或 null (an integrator clientId or null)' });
}

function unknownFields(body: Record<string, unknown>, allowed: string[], errors: FieldError[]): void {
  for (const key of Object.keys(body))
    if (!allowed.includes(key))
      errors.push({ field: key, reason: `未知字段 (unknown field); 允许 allowed: ${allowed.join(', ')}` });
}

/** Every problem of a new subscriber's body (payload rules only; the URL allowlist is the service's). */
export function checkSubscriberInput(body: unknown): FieldError[] {
  if (!isObject(body)) return [{ field: 'body', reason: '请求体须为 JSON 对象 (the body must be a JSON object)' }];
  const errors: FieldError[] = [];
  unknownFields(body, ['name', 'kind', 'delivery', 'eventTypes', 'dataView', 'signing', 'pullClientId'], errors);
  if (typeof body['kind'] !== 'string' || !(SUBSCRIBER_KINDS as readonly string[]).includes(body['kind']))
    errors.push({ field: 'kind', reason: oneOf(SUBSCRIBER_KINDS) });
  if (body['signing'] !== undefined && !(SIGNING_SCHEMES as readonly unknown[]).includes(body['signing']))
    errors.push({ field: 'signing', reason: oneOf(SIGNING_SCHEMES) });
  checkCommon(body, errors, false);
  return errors;
}

/** Every problem of a PATCH body. */
export function checkSubscriberPatch(body: unknown): FieldError[] {
  if (!isObject(body)) return [{ field: 'body', reason: '请求体须为 JSON 对象 (the body must be a JSON object)' }];
  const errors: FieldError[] = [];
  const allowed = ['name', 'delivery', 'eventTypes', 'dataView', 'state', 'pullClientId', 'rotateSecret'];
  unknownFields(body, allowed, errors);
  if (Object.keys(body).length === 0)
    errors.push({ field: 'body', reason: `至少一个字段 (at least one of): ${allowed.join(', ')}` });
  if (body['state'] !== undefined && !(SUBSCRIBER_STATES as readonly unknown[]).includes(body['state']))
    errors.push({ field: 'state', reason: oneOf(SUBSCRIBER_STATES) });
  if (body['rotateSecret'] !== undefined && typeof body['rotateSecret'] !== 'boolean')
    errors.push({ field: 'rotateSecret', reason: '须为布尔值 (a boolean)' });
  checkCommon(body, errors, true);
  return errors;
}

/** The longest replay range (days) and its rules. */
export const MAX_REPLAY_DAYS = 90;

export interface ReplayRequestV1 {
  subscriberId: string;
  /** ISO timestamps, from ≤ to ≤ now, at most 90 days apart */
  from: string;
  to: string;
}

/** Problems of a replay range, `now` given so the rule is pure. */
export function checkReplayRange(body: unknown, now: Date): FieldError[] {
  if (!isObject(body)) return [{ field: 'body', reason: '请求体须为 JSON 对象 { from, to } (an object)' }];
  const errors: FieldError[] = [];
  unknownFields(body, ['from', 'to'], errors);
  const parse = (field: 'from' | 'to'): number | null => {
    const v = body[field];
    const t = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(v) ? Date.parse(v) : NaN;
    if (Number.isNaN(t)) {
      errors.push({ field, reason: '须为 ISO 8601 时间，带时区 (an ISO 8601 timestamp with zone)' });
      return null;
    }
    if (t > now.getTime()) errors.push({ field, reason: '不能晚于当前时间 (not in the future)' });
    return t;
  };
  const from = parse('from');
  const to = parse('to');
  if (from !== null && to !== null) {
    if (from > to) errors.push({ field: 'from', reason: '须不晚于 to (from ≤ to)' });
    else if (to - from > MAX_REPLAY_DAYS * 86_400_000)
      errors.push({ field: 'to', reason: `范围不超过 ${MAX_REPLAY_DAYS} 天 (at most ${MAX_REPLAY_DAYS} days)` });
  }
  return errors;
}
