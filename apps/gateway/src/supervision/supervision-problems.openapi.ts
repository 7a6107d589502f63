import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ApiProblemExamples, ProblemExample } from '../presale/problem-examples.openapi';
import { validationExample } from '../openapi/problem-example.builders';

export const SUPERVISION_TAG = '预售监管 Supervision';

export const ROLE_FORBIDDEN_EXAMPLE: ProblemExample = {
  code: 'ROLE_FORBIDDEN',
  detail:
    '此操作仅限 PROVINCE、CITY、COUNTY、ADMIN 角色的工作人员 (requires staff role PROVINCE or CITY or COUNTY or ADMIN)',
};
export const REGION_FORBIDDEN_EXAMPLE: ProblemExample = {
  code: 'REGION_FORBIDDEN',
  detail: "预售许可证 430102202405100101-Y01 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
  errors: [{ field: 'presaleNumber', reason: '区划 430102 不在授权范围 (region 430102 not granted)' }],
};
export const SCOPE_FORBIDDEN_EXAMPLE: ProblemExample = {
  code: 'SCOPE_FORBIDDEN',
  detail: '凭据缺少权限范围 supervision:write (missing scope)',
};
export const INVALID_PRESALE_EXAMPLE: ProblemExample = {
  code: 'INVALID_PRESALE_NUMBER',
  detail: '预售许可证编号无效：430223202406200101-Y00 (invalid presale permit number)',
  errors: [
    {
      field: 'presaleNumber',
      reason:
        'FORMAT: 格式应为 18 位施工许可证编号-Y/Z两位序号，如 430223202406200101-Y01 (format <18 digits>-<Y|Z><01..99>)',
    },
  ],
};
export const INVALID_MONTH_EXAMPLE = validationExample([
  { field: 'month', reason: '月份格式应为 YYYY-MM，自 2000-01 起 (month as YYYY-MM, from 2000-01)' },
]);
export const MALFORMED_JSON_EXAMPLE: ProblemExample = {
  code: 'VALIDATION_FAILED',
  detail: '请求体不是合法的 JSON (malformed JSON body)',
  errors: [{ field: 'body', reason: 'malformed JSON' }],
};
export const RECORD_LOCKED_EXAMPLE: ProblemExample = {
  code: 'RECORD_LOCKED',
  detail:
    '预售许可证 430223202406200101-Y01 2024-08 的网签统计已提交，不能再修改或撤回；确需纠错请书面报告省厅 (record submitted and locked)',
  errors: [{ field: 'month', reason: '2024-08' }],
};

/** Tag, bearer auth and the 401 / 403 / 429 / 503 answers every supervision route shares. */
export function SupervisionRoute(): ClassDecorator {
  return applyDecorators(ApiTags(SUPERVISION_TAG), ApiBearerAuth());
}

export function CommonSupervisionProblems(extra403: Record<string, ProblemExample> = {}): MethodDecorator {
  return applyDecorators(
    ApiProblems(401),
    ApiProblemExamples(403, '角色、权限范围或区划不符 Role, scope or region forbidden', {
      roleForbidden: ROLE_FORBIDDEN_EXAMPLE,
      scopeForbidden: SCOPE_FORBIDDEN_EXAMPLE,
      ...extra403,
    }),
    ApiProblems(429, 503),
  );
}
