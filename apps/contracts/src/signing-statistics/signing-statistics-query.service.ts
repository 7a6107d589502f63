import { pageOf } from '@hn/persistence';
import { Injectable } from '@nestjs/common';
import {
  FieldError,
  Principal,
  SIGNING_STATISTIC_SORT,
  SigningStatisticListRequestV1,
  SigningStatisticPageV1,
} from '@hn/messages';
import { sortOrder } from '@hn/errors';
import { assertStaff } from '@hn/auth';
import { parsePresaleNumber, regionPrefixes } from '@hn/numbering';
import { StatisticErrors } from './signing-statistic.exception';
import { rowToStatistic } from './signing-statistic-row';
import { SigningStatisticsRepository, StatisticListFilter } from './signing-statistics.repository';

/** Lists signing statistics inside the caller's regions, newest month first. */
@Injectable()
export class SigningStatisticsQueryService {
  constructor(private readonly statistics: SigningStatisticsRepository) {}

  async list(principal: Principal, request: SigningStatisticListRequestV1): Promise<SigningStatisticPageV1> {
    assertStaff(principal);
    const { page, pageSize, offset } = pageOf(request);
    const sort = await sortOrder(SIGNING_STATISTIC_SORT, request?.sort);
    const errors: FieldError[] = [];
    const filter: StatisticListFilter = { regionPrefixes: regionPrefixes(principal.regions), sort };
    if (request?.presaleNumber !== undefined && request.presaleNumber !== null && request.presaleNumber !== '') {
      if (typeof request.presaleNumber !== 'string' || parsePresaleNumber(request.presaleNumber) === null)
        errors.push({ field: 'presaleNumber', reason: '预售许可证编号格式无效 (invalid presale number)' });
      filter.presaleNumber = request.presaleNumber;
    }
    // month and state: SigningStatisticsQuery, applied by @RpcHandler(Rpc.statisticList) as at the gateway
    if (request.month) filter.month = request.month;
    if (request.state) filter.state = request.state;
    if (errors.length > 0) throw StatisticErrors.incomplete(errors);
    const { rows, total } = await this.statistics.list(filter, pageSize, offset);
    return { items: rows.map(rowToStatistic), page, pageSize, total };
  }
}
