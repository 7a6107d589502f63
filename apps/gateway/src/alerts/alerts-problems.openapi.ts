import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { ALERT_SCOPES, ALERT_SORT, ALERT_STATES, ALERT_TYPES } from '@hn/messages';
import { validationExample } from '../openapi/problem-example.builders';
import { ApiProblemExamples, ProblemExample } from '../presale/problem-examples.openapi';

export const ALERT_ID_EXAMPLE = '8d6c7a8e-2f4b-4a8e-9a43-0c1f5f0f2b11';

const NOT_FOUND: ProblemExample = {
  code: 'ALERT_NOT_FOUND',
  detail: `未找到预警 ${ALERT_ID_EXAMPLE} (alert not found)`,
  errors: [{ field: 'alertId', reason: ALERT_ID_EXAMPLE }],
};
const CLEARED: ProblemExample = {
  code: 'ALERT_CLEARED',
  detail: `预警 ${ALERT_ID_EXAMPLE} 已解除，不能再操作 (alert cleared)`,
};
const BAD_ID: ProblemExample = validationExample([{ field: 'alertId', reason: '预警编号须为 UUID (UUID)' }]);
export const INVALID_FILTER_EXAMPLE: ProblemExample = {
  code: 'INVALID_FILTER',
  detail: '查询条件无效，共 1 处 (invalid filter: 1 field(s))',
  errors: [
    {
      field: 'type',
      reason:
        '须为 OVERDUE_ACCEPTANCE / PRESALE_WITHOUT_PERMIT / RECONCILIATION_DIFFERENCE / ESCROW_NOT_SUPERVISED / APPROVAL_OVERDUE 之一 (one of OVERDUE_ACCEPTANCE, PRESALE_WITHOUT_PERMIT, RECONCILIATION_DIFFERENCE, ESCROW_NOT_SUPERVISED, APPROVAL_OVERDUE)',
    },
  ],
};

/** 400 bad id, 404 unknown alert, 409 cleared or dismissed: every action on one alert. */
export function AlertActionProblems(extra409: Record<string, ProblemExample> = {}): MethodDecorator {
  return applyDecorators(
    ApiProblemExamples(400, '编号格式错误 Invalid id', { invalidId: BAD_ID }),
    ApiProblemExamples(404, '预警不存在 Not found', { alertNotFound: NOT_FOUND }),
    ApiProblemExamples(409, '预警已解除或已核销 Alert closed', { cleared: CLEARED, ...extra409 }),
  );
}

/** The query parameters of the list and the export (validated by AlertListQuery of @hn/messages). */
export function ApiAlertListQuery(): MethodDecorator {
  return applyDecorators(
    ApiQuery({ name: 'type', required: false, enum: ALERT_TYPES, description: '预警类型' }),
    ApiQuery({ name: 'state', required: false, enum: ALERT_STATES, description: '状态；不填时为 OPEN、FOLLOWING' }),
    ApiQuery({ name: 'scope', required: false, enum: ALERT_SCOPES, description: '增量 INCREMENT / 存量 STOCK' }),
    ApiQuery({ name: 'regionCode', required: false, example: '430223', description: '区划（须在本人区划内）' }),
    ApiQuery({
      name: 'asOf',
      required: false,
      example: '2026-12-01',
      description: '重现该日（北京时间当日结束时）的列表',
    }),
    ApiQuery({ name: 'keyword', required: false, example: '锦绣', description: '项目名称、项目代码、许可证号' }),
    ApiQuery({ name: 'page', required: false, example: 1 }),
    ApiQuery({ name: 'pageSize', required: false, example: 20, description: '1–100（导出时忽略）' }),
    ApiQuery({
      name: 'sort',
      required: false,
      enum: ALERT_SORT.values,
      description: '排序：字段名升序，前加 - 降序（以编号为次序）；不填为发现时间倒序。导出用同一顺序。',
    }),
  );
}
