import { pageOf, regionCondition } from '@hn/persistence';
import { Injectable } from '@nestjs/common';
import { FieldError, Principal, SigningStatisticListRequestV1, SigningStatisticPageV1 } from '@hn/messages';
import { assertStaff } from '@hn/auth';
import { parsePresaleNumber, regionPrefixes } from '@hn/numbering';
import { DataSource } from 'typeorm';
import { StatisticErrors } from './signing-statistic.errors';
import { rowToStatistic, STATISTIC_COLUMNS, StatisticRow } from './signing-statistic-row';
import { isMonth } from './statistic-months';

/** Lists signing statistics inside the caller's regions, newest month first. */
@Injectable()
export class SigningStatisticsQueryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal, request: SigningStatisticListRequestV1): Promise<SigningStatisticPageV1> {
    assertStaff(principal);
    const { page, pageSize, offset } = pageOf(request);
    const errors: FieldError[] = [];
    const params: unknown[] = [regionPrefixes(principal.regions)];
    const where = [regionCondition('s.region_code', 1)];
    if (request?.presaleNumber !== undefined && request.presaleNumber !== null && request.presaleNumber !== '') {
      if (typeof request.presaleNumber !== 'string' || parsePresaleNumber(request.presaleNumber) === null)
        errors.push({ field: 'presaleNumber', reason: '预售许可证编号格式无效 (invalid presale number)' });
      params.push(request.presaleNumber);
      where.push(`s.presale_number = $${params.length}`);
    }
    if (request?.month !== undefined && request.month !== null && request.month !== '') {
      if (!isMonth(request.month)) errors.push({ field: 'month', reason: '月份格式应为 YYYY-MM (month as YYYY-MM)' });
      params.push(request.month);
      where.push(`s.month = $${params.length}`);
    }
    if (request?.state !== undefined && request.state !== null) {
      if (request.state !== 'DRAFT' && request.state !== 'SUBMITTED')
        errors.push({ field: 'state', reason: '状态须为 DRAFT 或 SUBMITTED (DRAFT|SUBMITTED)' });
      params.push(request.state);
      where.push(`s.state = $${params.length}`);
    }
    if (errors.length > 0) throw StatisticErrors.incomplete(errors);
    const condition = where.join(' AND ');
    const [rows, counted] = await Promise.all([
      this.dataSource.query(
        `SELECT ${STATISTIC_COLUMNS} FROM signing_statistic s WHERE ${condition} ORDER BY s.month DESC, s.presale_number LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ) as Promise<StatisticRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS total FROM signing_statistic s WHERE ${condition}`,
        params,
      ) as Promise<Array<{ total: number }>>,
    ]);
    return { items: rows.map(rowToStatistic), page, pageSize, total: counted[0]?.total ?? 0 };
  }
}
