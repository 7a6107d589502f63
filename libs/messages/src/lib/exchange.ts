import { isPlainText } from './plain-text';
import type { FieldProblem } from './validation/field-problems';
import { isRecordId } from './validation/record-id';

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
  manifestGet: 'rpc.exchange.manifest.get.v1',
  manifestPull: 'rpc.exchange.manifest.pull.v1',
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

/**
 * Event types a subscriber may take: the presale permits (HN_PRESALE), the monthly contract-signing
 * statistics (HN_CONTRACTS; never the contract filings, which carry buyers) and the escrow records (HN_ESCROW).
 */
export const EXCHANGE_EVENT_TYPES = [
  'hn.presale.permit.issued.v1',
  'hn.presale.permit.backfilled.v1',
  'hn.presale.permit.corrected.v1',
  'hn.contracts.statistics.reported.v1',
  'hn.escrow.record.recorded.v1',
  'hn.escrow.record.corrected.v1',
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

/**
 * Fields of a monthly contract-signing statistic (数据目录 resource SIGNING_STATISTIC), named in a data
 * view with the prefix `signingStatistic.`; counts and sums only, no contract or buyer. Who entered or
 * submitted it (staff accounts) is not pushed.
 */
export const SIGNING_STATISTIC_VIEW_FIELDS = [
  'presaleNumber',
  'regionCode',
  'projectName',
  'month',
  'contractsSigned',
  'floorArea',
  'amountFen',
  'kind',
  'state',
  'version',
  'submittedAt',
] as const;

/** Fields of an escrow record (数据目录 resource ESCROW_RECORD), prefix `escrow.`; not the scan, not who entered it. */
export const ESCROW_VIEW_FIELDS = [
  'presaleNumber',
  'regionCode',
  'projectName',
  'capitalGuaranteeAmount',
  'commitmentLetter',
  'fundSupervision',
  'bank',
  'account',
  'balance',
  'balanceAsOf',
  'state',
  'version',
  'updatedAt',
] as const;

/** Everything a data view may name: presale permit fields as they are, the others with their resource prefix. */
export const EXCHANGE_VIEW_FIELDS: readonly string[] = [
  ...PRESALE_VIEW_FIELDS,
  ...SIGNING_STATISTIC_VIEW_FIELDS.map((f) => `signingStatistic.${f}`),
  ...ESCROW_VIEW_FIELDS.map((f) => `escrow.${f}`),
];

export interface SubscriberDeliveryV1 {
  mode: DeliveryMode;
  /** WEBHOOK: the receiver's URL (https outside development; host on EXCHANGE_ALLOWED_HOSTS) */
  url?: string;
  /** FILE_DROP: directory name under the platform's drop root (EXCHANGE_DROP_ROOT): one file per event */
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

const DIRECTORY = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const CLIENT_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** An exchange id (subscriber, event): a UUID. */
export function isExchangeId(value: unknown): value is string {
  return isRecordId(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function oneOfReason(list: readonly string[]): string {
  return `须为以下之一 (one of): ${list.join(', ')}`;
}

/*
 * The rules of the subscriber bodies, one function per property (the message classes of
 * exchange.message.ts apply them): a problem names a path under the property (`at`: '' the property
 * itself, `[1]` an element, `.mode` a member), so a list or the delivery may name several at once.
 */

/** eventTypes / dataView: a non-empty list of distinct allowed values, each bad element by its index. */
export function listProblems(value: unknown, allowed: readonly string[]): FieldProblem[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > allowed.length)
    return [{ at: '', reason: `须为非空列表，${oneOfReason(allowed)} (a non-empty list)` }];
  const problems: FieldProblem[] = [];
  const seen = new Set<unknown>();
  value.forEach((item, i) => {
    if (typeof item !== 'string' || !allowed.includes(item))
      problems.push({ at: `[${i}]`, reason: `未知取值 (unknown value); ${oneOfReason(allowed)}` });
    else if (seen.has(item)) problems.push({ at: `[${i}]`, reason: '重复 (duplicate)' });
    seen.add(item);
  });
  return problems;
}

/** delivery { mode, url | directory }: the mode, then what the mode needs (the URL allowlist is the service's). */
export function deliveryProblems(value: unknown): FieldProblem[] {
  if (!isObject(value)) return [{ at: '', reason: '须为对象 { mode, url | directory } (an object)' }];
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(value))
    if (!['mode', 'url', 'directory'].includes(key))
      problems.push({ at: `.${key}`, reason: '未知字段 (unknown field); 允许 allowed: mode, url, directory' });
  if (typeof value['mode'] !== 'string' || !(DELIVERY_MODES as readonly string[]).includes(value['mode'])) {
    problems.push({ at: '.mode', reason: oneOfReason(DELIVERY_MODES) });
    return problems;
  }
  if (value['mode'] === 'WEBHOOK' && !isPlainText(value['url'], 2000))
    problems.push({ at: '.url', reason: 'WEBHOOK 须给出 URL，≤ 2000 字符，无控制字符 (a URL of plain text)' });
  if (value['mode'] !== 'WEBHOOK' && value['url'] !== undefined)
    problems.push({ at: '.url', reason: '仅 WEBHOOK 可给出 URL (only for WEBHOOK)' });
  if (value['mode'] === 'FILE_DROP' && (typeof value['directory'] !== 'string' || !DIRECTORY.test(value['directory'])))
    problems.push({ at: '.directory', reason: '须为目录名 [a-z0-9_-]，≤ 63 字符 (a directory name)' });
  if (value['mode'] !== 'FILE_DROP' && value['directory'] !== undefined)
    problems.push({ at: '.directory', reason: '仅 FILE_DROP 可给出目录 (only for FILE_DROP)' });
  return problems;
}

export function subscriberNameReason(value: unknown): string | null {
  return isPlainText(value, 100) ? null : '须为 1–100 字符的名称 (a name of 1..100 characters)';
}

/** An allowed value, or absent when `optional`. */
export function oneOfOrAbsentReason(value: unknown, allowed: readonly string[], optional: boolean): string | null {
  if (optional && value === undefined) return null;
  return typeof value === 'string' && allowed.includes(value) ? null : oneOfReason(allowed);
}

export function pullClientIdReason(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && CLIENT_ID.test(value)
    ? null
    : '须为集成方 clientId 或 null (an integrator clientId or null)';
}

/** The fields a PATCH may carry; it must carry one. */
export const SUBSCRIBER_PATCH_FIELDS = [
  'name',
  'delivery',
  'eventTypes',
  'dataView',
  'state',
  'pullClientId',
  'rotateSecret',
] as const;

/** The longest replay range (days) and its rules. */
export const MAX_REPLAY_DAYS = 90;

/** The JetStream streams the exchange takes events from (a sequence range names one; default the first). */
export const EXCHANGE_STREAMS = ['HN_PRESALE', 'HN_CONTRACTS', 'HN_ESCROW'] as const;
export type ExchangeStream = (typeof EXCHANGE_STREAMS)[number];

/** A replay range: by event time (from, to) or by stream sequence (fromSequence, toSequence, stream), one of the two. */
export interface ReplayRangeV1 {
  /** ISO timestamps, from ≤ to ≤ now, at most 90 days apart */
  from?: string;
  to?: string;
  /** JetStream stream sequences, 1 ≤ fromSequence ≤ toSequence ≤ the last one received, at most 90 days of events */
  fromSequence?: number;
  toSequence?: number;
  /** the stream of the sequences (default HN_PRESALE) */
  stream?: ExchangeStream;
}

export interface ReplayRequestV1 extends ReplayRangeV1 {
  subscriberId: string;
}

/** Does a replay body name a sequence range (any of its fields)? Then the time range is not asked for. */
export function isSequenceReplay(o: Record<string, unknown>): boolean {
  return o['fromSequence'] !== undefined || o['toSequence'] !== undefined || o['stream'] !== undefined;
}

/**
 * One end of a sequence range: a positive integer; from ≤ to is named on `fromSequence`; a time range
 * given as well is named on `fromSequence` too (one of the two). The upper bound is the service's.
 */
export function sequenceEndReason(
  end: 'fromSequence' | 'toSequence',
  value: unknown,
  o: Record<string, unknown>,
): string | null {
  if (!isSequenceReplay(o)) return null;
  if (end === 'fromSequence' && (o['from'] !== undefined || o['to'] !== undefined))
    return '按时间（from, to）或按流序号（fromSequence, toSequence）重放，二选一 (a time range or a sequence range, not both)';
  if (!Number.isSafeInteger(value) || (value as number) < 1) return '须为正整数流序号 (a positive stream sequence)';
  const other = o[end === 'fromSequence' ? 'toSequence' : 'fromSequence'];
  if (end === 'fromSequence' && Number.isSafeInteger(other) && (value as number) > (other as number))
    return '须不大于 toSequence (fromSequence ≤ toSequence)';
  return null;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/;

function instant(value: unknown): number {
  return typeof value === 'string' && TIMESTAMP.test(value) ? Date.parse(value) : NaN;
}

/**
 * One end of a replay range (`end` from or to, `other` the opposite end): an ISO timestamp with its zone,
 * not after `now`; from ≤ to is named on `from`, the 90 days on `to`.
 */
export function replayEndReason(end: 'from' | 'to', value: unknown, other: unknown, now: Date): string | null {
  const t = instant(value);
  if (Number.isNaN(t)) return '须为 ISO 8601 时间，带时区 (an ISO 8601 timestamp with zone)';
  if (t > now.getTime()) return '不能晚于当前时间 (not in the future)';
  const o = instant(other);
  if (Number.isNaN(o)) return null;
  const [from, to] = end === 'from' ? [t, o] : [o, t];
  if (end === 'from' && from > to) return '须不晚于 to (from ≤ to)';
  if (end === 'to' && from <= to && to - from > MAX_REPLAY_DAYS * 86_400_000)
    return `范围不超过 ${MAX_REPLAY_DAYS} 天 (at most ${MAX_REPLAY_DAYS} days)`;
  return null;
}

/** The CloudEvent type of a daily completeness manifest pushed to a subscriber (never part of a manifest itself). */
export const MANIFEST_EVENT_TYPE = 'hn.exchange.manifest.v1';
/** The first line of a manifest's signed content (docs/exchange.md §完整性清单). */
export const MANIFEST_VERSION = 'hn.exchange.manifest.v1';

/** The China (UTC+8, no daylight saving) calendar date of an instant: YYYY-MM-DD. */
export function chinaDateOf(instant: Date | string | number): string {
  return new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** [start, end) of a China date in UTC. */
export function chinaDayRange(date: string): { start: Date; end: Date } {
  const start = new Date(`${date}T00:00:00.000+08:00`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

/** ?date= of a manifest: a real calendar date (YYYY-MM-DD), China time, not after today. */
export function manifestDateReason(value: unknown, now: Date): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || chinaDateOf(`${value}T12:00:00Z`) !== value)
    return '须为日期 YYYY-MM-DD（中国时间）(a calendar date, China time)';
  if (value > chinaDateOf(now)) return '不能晚于今天 (not after today, China time)';
  if (value < chinaDateOf(now.getTime() - MAX_REPLAY_DAYS * 86_400_000))
    return `不早于 ${MAX_REPLAY_DAYS} 天前 (at most ${MAX_REPLAY_DAYS} days back)`;
  return null;
}
