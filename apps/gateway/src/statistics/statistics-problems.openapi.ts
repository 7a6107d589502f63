import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { STATISTICS_FIGURES } from '@hn/messages';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ApiProblemExamples, ProblemExample } from '../presale/problem-examples.openapi';

export const STATISTICS_TAG = '统计 Statistics';

const invalid = (field: string, reason: string): ProblemExample => ({
  code: 'INVALID_FILTER',
  detail: '统计查询条件无效，共 1 处 (invalid statistics query: 1 field(s))',
  errors: [{ field, reason }],
});

const RETIRED = invalid(
  'regionCode',
  '行政区划代码 430124（宁乡县）已于 2017 年撤销，其数据计入 430182（宁乡市），请改用 430182 (retired region code; use its successor 430182)',
);
const UNKNOWN = invalid('regionCode', '未知的行政区划代码 439999 (unknown region code)');
const FUTURE = invalid('asOf', '不能晚于今天 2026-12-03 (must not be in the future)');
const TOO_EARLY = invalid('asOf', '不能早于 2015-01-01（统计自 2015 年起）(must not be before 2015-01-01)');
const TOO_LONG = invalid('to', '跨度 61 个月，最多 60 个月 (at most 60 months, got 61)');
const FIGURE = invalid('figure', '未知的统计项，可选：permits.count / permits.floorArea / … (unknown figure)');

const REGION_FORBIDDEN: ProblemExample = {
  code: 'REGION_FORBIDDEN',
  detail: "区划 430223 属区划 430223，不在本凭据的区划范围内 (outside the caller's regions)",
  errors: [{ field: 'regionCode', reason: '区划 430223 不在授权范围 (region 430223 not granted)' }],
};
const SCOPE_FORBIDDEN: ProblemExample = {
  code: 'SCOPE_FORBIDDEN',
  detail: '凭据缺少权限范围 statistics:read (missing scope)',
};

/** 401, 403 (scope, region), 429, 503 and the 422 examples of one statistics route. */
export function StatisticsProblems(invalidExamples: Record<string, ProblemExample>): MethodDecorator {
  return applyDecorators(
    ApiProblems(401),
    ApiProblemExamples(403, '权限范围或区划不符 Scope or region forbidden', {
      regionForbidden: REGION_FORBIDDEN,
      scopeForbidden: SCOPE_FORBIDDEN,
    }),
    ApiProblemExamples(422, '查询条件无效 Invalid query', invalidExamples),
    ApiProblems(429, 503),
  );
}

export const SUMMARY_INVALID = { retiredRegion: RETIRED, unknownRegion: UNKNOWN, future: FUTURE, tooEarly: TOO_EARLY };
export const MONTHLY_INVALID = { retiredRegion: RETIRED, tooLong: TOO_LONG };
export const CONSISTENCY_INVALID = { retiredRegion: RETIRED, unknownRegion: UNKNOWN, future: FUTURE };
export const RECORDS_INVALID = { unknownFigure: FIGURE, retiredRegion: RETIRED, future: FUTURE };

const REGION_QUERY = ApiQuery({
  name: 'regionCode',
  required: true,
  example: '430000',
  description: '现行区划代码：430000 全省、市州（如 430200）或县市区（如 430223），须在本人或本凭据的区划内',
});
const AS_OF_QUERY = ApiQuery({
  name: 'asOf',
  required: false,
  example: '2026-11-30',
  description: '统计截止日 YYYY-MM-DD（北京时间当日结束时已登记的记录），2015-01-01 至今天；不填为今天',
});

export const ApiSummaryQuery = (): MethodDecorator => applyDecorators(REGION_QUERY, AS_OF_QUERY);

export const ApiConsistencyQuery = (): MethodDecorator =>
  applyDecorators(
    REGION_QUERY,
    ApiQuery({
      name: 'asOf',
      required: false,
      example: '2026-11-30',
      description:
        '核对截止日 YYYY-MM-DD：统计与各源头服务都取北京时间当日结束时已登记、日期不晚于该日的记录；不填为今天',
    }),
  );

export const ApiMonthlyQuery = (): MethodDecorator =>
  applyDecorators(
    REGION_QUERY,
    ApiQuery({ name: 'from', required: true, example: '2024-01', description: '起始月份 YYYY-MM（含），自 2015-01' }),
    ApiQuery({
      name: 'to',
      required: true,
      example: '2024-12',
      description: '截止月份 YYYY-MM（含），不早于 from、不晚于本月，跨度最多 60 个月',
    }),
  );

export const ApiRecordsQuery = (paged: boolean): MethodDecorator =>
  applyDecorators(
    REGION_QUERY,
    ApiQuery({
      name: 'figure',
      required: true,
      // enum and example in the schema: Nest drops a parameter-level example of an enum
      schema: { type: 'string', enum: [...STATISTICS_FIGURES], example: 'permits.byProjectType.PRESALE' },
      description: '统计项：汇总结果中该数字的字段路径（面积、金额项列出与其计数相同的记录）',
    }),
    AS_OF_QUERY,
    ...(paged
      ? [
          ApiQuery({ name: 'page', required: false, example: 1 }),
          ApiQuery({ name: 'pageSize', required: false, example: 20, description: '1–100' }),
        ]
      : [
          ApiQuery({ name: 'page', required: false, description: '导出时忽略' }),
          ApiQuery({ name: 'pageSize', required: false, description: '导出时忽略' }),
        ]),
  );
