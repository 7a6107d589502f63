import { assertRegionAllowed, Scopes } from '@hn/auth';
import { ErrorCode, Principal } from '@hn/messages';
import { DomainException } from '@hn/errors';

/**
 * The access check of every statistics read: statistics:read (403), then the query's region. The body
 * itself was validated with its message class by @RpcHandler (the Rpc.statistics* entries carry it).
 */
export function statisticsQueryAllowed<T extends { regionCode: string }>(principal: Principal, body: unknown): T {
  if (!principal || !Array.isArray(principal.scopes) || !principal.scopes.includes(Scopes.statisticsRead))
    throw new DomainException(
      403,
      ErrorCode.SCOPE_FORBIDDEN,
      `缺少权限范围 ${Scopes.statisticsRead} (missing scope ${Scopes.statisticsRead})`,
    );
  const query = body as T;
  assertRegionAllowed(principal, query.regionCode, { field: 'regionCode' });
  return query;
}
