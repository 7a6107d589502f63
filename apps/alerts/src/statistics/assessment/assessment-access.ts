import { assertRegionAllowed, Scopes } from '@hn/auth';
import { ErrorCode, Principal, validateMessage } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { invalidStatisticsQuery } from '../query/statistics-query.service';

/** statistics:read, the message class applied again (422 INVALID_FILTER), then the region. */
export async function checkedStatisticsQuery<T extends { regionCode: string }>(
  principal: Principal,
  type: new () => T,
  body: unknown,
): Promise<T> {
  if (!principal || !Array.isArray(principal.scopes) || !principal.scopes.includes(Scopes.statisticsRead))
    throw new DomainException(
      403,
      ErrorCode.SCOPE_FORBIDDEN,
      `缺少权限范围 ${Scopes.statisticsRead} (missing scope ${Scopes.statisticsRead})`,
    );
  const result = await validateMessage(type, body);
  if (!result.ok) throw invalidStatisticsQuery(result.errors);
  assertRegionAllowed(principal, result.value.regionCode, { field: 'regionCode' });
  return result.value;
}
