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
