import { ErrorCode, Principal, SourceRecountRequest, SourceRecountRequestV1, validateMessage } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { assertRegionAllowed } from './region-scope';
import { Scopes } from './scopes';

/**
 * The checks every source runs on a recount request of the consistency check (从源头纠正), before
 * any SQL: statistics:read (403 SCOPE_FORBIDDEN), the message class (422 INVALID_FILTER naming each
 * field, as the statistics routes answer) and the caller's regions (403 REGION_FORBIDDEN).
 */
export async function authorizeRecount(principal: Principal, body: unknown): Promise<SourceRecountRequestV1> {
  if (!principal || !Array.isArray(principal.scopes) || !principal.scopes.includes(Scopes.statisticsRead))
    throw new DomainException(
      403,
      ErrorCode.SCOPE_FORBIDDEN,
      `缺少权限范围 ${Scopes.statisticsRead} (missing scope ${Scopes.statisticsRead})`,
    );
  const result = await validateMessage(SourceRecountRequest, body);
  if (!result.ok)
    throw new DomainException(
      422,
      ErrorCode.INVALID_FILTER,
      `核对查询条件无效，共 ${result.errors.length} 处 (invalid recount request: ${result.errors.length} field(s))`,
      result.errors,
    );
  assertRegionAllowed(principal, result.value.regionCode, { field: 'regionCode' });
  return { regionCode: result.value.regionCode, asOf: result.value.asOf };
}
