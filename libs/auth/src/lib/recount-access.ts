import { ErrorCode, Principal, SourceRecountRequestV1 } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { assertRegionAllowed } from './region-scope';
import { Scopes } from './scopes';

/**
 * The checks every source runs on a recount request of the consistency check (从源头纠正), before
 * any SQL: statistics:read (403 SCOPE_FORBIDDEN) and the caller's regions (403 REGION_FORBIDDEN). The body
 * was validated before with SourceRecountRequest by `@RpcHandler(Rpc.*Recount)` (422 INVALID_FILTER naming
 * each field, `InvalidPayloads.recount`).
 */
export async function authorizeRecount(
  principal: Principal,
  body: SourceRecountRequestV1,
): Promise<SourceRecountRequestV1> {
  if (!principal || !Array.isArray(principal.scopes) || !principal.scopes.includes(Scopes.statisticsRead))
    throw new DomainException(
      403,
      ErrorCode.SCOPE_FORBIDDEN,
      `缺少权限范围 ${Scopes.statisticsRead} (missing scope ${Scopes.statisticsRead})`,
    );
  assertRegionAllowed(principal, body.regionCode, { field: 'regionCode' });
  return { regionCode: body.regionCode, asOf: body.asOf };
}

/**
 * NATS refuses a message over the server's max_payload (1 MiB by default) and the NestJS NATS server then
 * throws from `respond` outside any handler, which ends the process. A recount lists every project of the
 * region, so a large region's reply can exceed it (docs/benchmarks.md, bench:statistics): the source answers
 * 413 PAYLOAD_TOO_LARGE instead (the check shows its figures 未核对 with this reason) and keeps running.
 */
export const RECOUNT_REPLY_LIMIT_BYTES = 900 * 1024;

export function fitRecountReply<T>(reply: T, limitBytes = RECOUNT_REPLY_LIMIT_BYTES): T {
  return fitNatsReply(
    reply,
    '请按市州或县市区分别核对',
    'check a city or county instead',
    '核对结果',
    'recount',
    limitBytes,
  );
}

/** The same guard for any reply that grows with the region (the province's assessment lists every item). */
export function fitNatsReply<T>(
  reply: T,
  adviceZh: string,
  adviceEn: string,
  whatZh = '应答',
  whatEn = 'reply',
  limitBytes = RECOUNT_REPLY_LIMIT_BYTES,
): T {
  const bytes = Buffer.byteLength(JSON.stringify(reply));
  if (bytes > limitBytes)
    throw new DomainException(
      413,
      ErrorCode.PAYLOAD_TOO_LARGE,
      `${whatZh}过大（${bytes} 字节，一次应答最多 ${limitBytes} 字节），${adviceZh} ` +
        `(${whatEn} of ${bytes} bytes exceeds ${limitBytes}: ${adviceEn})`,
    );
  return reply;
}
