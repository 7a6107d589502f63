import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { FieldError } from '@hn/contracts';
import { titleFor } from '@hn/errors';

export interface ProblemExample {
  code: string;
  detail: string;
  errors?: FieldError[];
}

/** Documents one error status with several named problem+json examples (each with its stable code). */
export function ApiProblemExamples(status: number, description: string, examples: Record<string, ProblemExample>): MethodDecorator & ClassDecorator {
  const named: Record<string, { summary: string; value: Record<string, unknown> }> = {};
  for (const [name, ex] of Object.entries(examples)) {
    named[name] = {
      summary: ex.code,
      value: {
        type: `https://presale.hunan.gov.cn/problems/${ex.code.toLowerCase().replace(/_/g, '-')}`,
        title: titleFor(status),
        status,
        code: ex.code,
        detail: ex.detail,
        ...(ex.errors ? { errors: ex.errors } : {}),
      },
    };
  }
  return applyDecorators(
    ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' }, examples: named } } }),
  );
}

export const PRESALE_NUMBER_INVALID: ProblemExample = {
  code: 'INVALID_PRESALE_NUMBER',
  detail: '预售许可证编号无效：430223202406200101-Y00 (invalid presale permit number)',
  errors: [{ field: 'presaleNumber', reason: 'FORMAT: 格式应为 18 位施工许可证编号-Y/Z两位序号，如 430223202406200101-Y01 (format <18 digits>-<Y|Z><01..99>)' }],
};

export const PRESALE_NOT_FOUND: ProblemExample = { code: 'PRESALE_NOT_FOUND', detail: '未找到预售许可证 430223202406200101-Y07 (presale permit not found)' };
