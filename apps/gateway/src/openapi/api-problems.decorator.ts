import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

const EXAMPLES: Record<number, { description: string; code: string; detail: string }> = {
  400: {
    description: '参数无效 Invalid input',
    code: 'INVALID_PERMIT_NUMBER',
    detail: '施工许可证编号无效：编号须为 18 位数字 (invalid permit number)',
  },
  401: {
    description: '未认证 Unauthenticated',
    code: 'UNAUTHORIZED',
    detail: '访问令牌已过期，请重新获取 (access token expired)',
  },
  403: {
    description: '区划或权限不符 Outside region or scope',
    code: 'REGION_FORBIDDEN',
    detail: "施工许可证 430102202405100101 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
  },
  404: {
    description: '不存在 Not found',
    code: 'PERMIT_NOT_FOUND',
    detail: '未找到施工许可证 430223202406209901 (construction permit not found)',
  },
  409: { description: '冲突 Conflict', code: 'SERIAL_EXHAUSTED', detail: '流水号已用尽 (serial space exhausted)' },
  413: {
    description: '请求体超过 1 MB Body too large',
    code: 'PAYLOAD_TOO_LARGE',
    detail: '请求体超过 1 MB 上限 (request body exceeds 1 MB)',
  },
  422: {
    description: '提交不完整 Incomplete',
    code: 'INCOMPLETE_SUBMISSION',
    detail: '提交内容不完整 (incomplete submission)',
  },
  429: {
    description: '超出频率限制 Rate limited (see Retry-After)',
    code: 'RATE_LIMITED',
    detail: '请求过于频繁，请按 Retry-After 指示稍后重试 (rate limit exceeded)',
  },
  503: {
    description: '下游服务不可用 Service unavailable',
    code: 'SERVICE_UNAVAILABLE',
    detail: '服务 permits 暂不可用，请稍后重试 (service permits unavailable: no responders)',
  },
};

/** Documents the problem+json error responses of an operation, each with an example. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => {
      const ex = EXAMPLES[status] ?? {
        description: 'Error',
        code: 'INTERNAL',
        detail: '服务内部错误 (internal error)',
      };
      return ApiResponse({
        status,
        description: ex.description,
        content: {
          'application/problem+json': {
            schema: { $ref: '#/components/schemas/ProblemDto' },
            example: {
              type: `https://presale.hunan.gov.cn/problems/${ex.code.toLowerCase().replace(/_/g, '-')}`,
              title: ex.description,
              status,
              code: ex.code,
              detail: ex.detail,
            },
          },
        },
      });
    }),
  );
}
