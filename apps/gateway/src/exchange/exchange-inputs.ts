import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainException } from '@hn/errors';
import {
  checkReplayRange,
  checkSubscriberInput,
  checkSubscriberPatch,
  ErrorCode,
  FieldError,
  isExchangeId,
  SubscriberInputV1,
  SubscriberPatchV1,
} from '@hn/messages';

function refuse(errors: FieldError[]): never {
  throw DomainException.incomplete(errors);
}

/** POST body of a subscriber: 422 listing every problem and the allowed values (the service checks again, and the URL allowlist). */
@Injectable()
export class SubscriberInputPipe implements PipeTransform<unknown, SubscriberInputV1> {
  transform(value: unknown): SubscriberInputV1 {
    const errors = checkSubscriberInput(value);
    if (errors.length > 0) refuse(errors);
    return value as SubscriberInputV1;
  }
}

@Injectable()
export class SubscriberPatchPipe implements PipeTransform<unknown, SubscriberPatchV1> {
  transform(value: unknown): SubscriberPatchV1 {
    const errors = checkSubscriberPatch(value);
    if (errors.length > 0) refuse(errors);
    return value as SubscriberPatchV1;
  }
}

@Injectable()
export class ReplayInputPipe implements PipeTransform<unknown, { from: string; to: string }> {
  transform(value: unknown): { from: string; to: string } {
    const errors = checkReplayRange(value, new Date());
    if (errors.length > 0) refuse(errors);
    return value as { from: string; to: string };
  }
}

@Injectable()
export class RequeueInputPipe implements PipeTransform<unknown, { eventIds?: string[] }> {
  transform(value: unknown): { eventIds?: string[] } {
    const body = (value ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    if (typeof body !== 'object' || Array.isArray(body))
      refuse([{ field: 'body', reason: '须为 JSON 对象 (an object)' }]);
    for (const key of Object.keys(body))
      if (key !== 'eventIds') errors.push({ field: key, reason: '未知字段 (unknown field); 允许 allowed: eventIds' });
    const ids = body['eventIds'];
    if (ids !== undefined && (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000 || !ids.every(isExchangeId)))
      errors.push({ field: 'eventIds', reason: '须为 1–1000 个事件 id（UUID）(a list of event ids)' });
    if (errors.length > 0) refuse(errors);
    return ids === undefined ? {} : { eventIds: ids as string[] };
  }
}

/** A subscriber or event id in the path: a UUID, else 404 naming the parameter. */
function idPipe(field: string): new () => PipeTransform<string, string> {
  @Injectable()
  class IdPipe implements PipeTransform<string, string> {
    transform(value: string): string {
      if (!isExchangeId(value))
        throw new DomainException(404, ErrorCode.NOT_FOUND, `${field} 不是有效的 id (not an id)`, [
          { field, reason: '须为 UUID (a UUID)' },
        ]);
      return value.toLowerCase();
    }
  }
  return IdPipe;
}
export const SubscriberIdPipe = idPipe('subscriberId');
export const EventIdPipe = idPipe('eventId');

/** ?limit= of list routes (1..500). */
export function listLimit(raw: unknown, max = 500): number | undefined {
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > max)
    refuse([{ field: 'limit', reason: `须为 1–${max} 的整数 (an integer)` }]);
  return n;
}

/** Query of the deliveries list: only limit. */
@Injectable()
export class DeliveriesQueryPipe implements PipeTransform<unknown, { limit?: number }> {
  transform(value: unknown): { limit?: number } {
    const query = (value ?? {}) as Record<string, unknown>;
    const unknown = Object.keys(query).filter((k) => k !== 'limit');
    if (unknown.length > 0)
      refuse(unknown.map((field) => ({ field, reason: '未知参数 (unknown parameter); 允许 allowed: limit' })));
    const limit = listLimit(query['limit']);
    return limit === undefined ? {} : { limit };
  }
}

/** Query of the pull API: only cursor and limit. */
@Injectable()
export class PullQueryPipe implements PipeTransform<unknown, { cursor?: string; limit?: number }> {
  transform(value: unknown): { cursor?: string; limit?: number } {
    const query = (value ?? {}) as Record<string, unknown>;
    const errors: FieldError[] = [];
    for (const key of Object.keys(query))
      if (key !== 'cursor' && key !== 'limit')
        errors.push({ field: key, reason: '未知参数 (unknown parameter); 允许 allowed: cursor, limit' });
    const cursor = query['cursor'];
    if (cursor !== undefined && (typeof cursor !== 'string' || !/^\d{1,18}$/.test(cursor)))
      errors.push({ field: 'cursor', reason: '须为上次返回的 nextCursor (the nextCursor of the last page)' });
    if (errors.length > 0) refuse(errors);
    const limit = listLimit(query['limit']);
    return { ...(cursor !== undefined ? { cursor: cursor as string } : {}), ...(limit !== undefined ? { limit } : {}) };
  }
}

/** A route without query parameters: any is refused by name. */
@Injectable()
export class NoQueryPipe implements PipeTransform<unknown, Record<string, never>> {
  transform(value: unknown): Record<string, never> {
    const keys = Object.keys((value ?? {}) as object);
    if (keys.length > 0) refuse(keys.map((field) => ({ field, reason: '此接口没有查询参数 (no query parameters)' })));
    return {};
  }
}
