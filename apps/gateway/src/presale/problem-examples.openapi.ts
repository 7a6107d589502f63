import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { titleFor } from '@hn/errors';
import { ProblemExample } from '../openapi/problem-example.builders';

export type { ProblemExample };

/** Documents one error status with several named problem+json examples (each with its stable code). */
export function ApiProblemExamples(
  status: number,
  description: string,
  examples: Record<string, ProblemExample>,
): MethodDecorator & ClassDecorator {
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
    ApiResponse({
      status,
      description,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' }, examples: named } },
    }),
  );
}

export const PRESALE_NUMBER_INVALID: ProblemExample = {
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

export const PRESALE_NOT_FOUND: ProblemExample = {
  code: 'PRESALE_NOT_FOUND',
  detail: '未找到预售许可证 430223202406200101-Y07 (presale permit not found)',
};

/** 409: the (issuing authority, local certificate number) already has a unified number (Y and Z alike). */
export const DUPLICATE_LOCAL_CERTIFICATE_EXAMPLE: ProblemExample = {
  code: 'DUPLICATE_LOCAL_CERTIFICATE',
  detail:
    '攸县住房和城乡建设局的本地证号「攸住建预字〔2024〕第015号」已取得统一编号 430223202406200101-Y01，同一预售许可证不能再次取号 (this local certificate already has unified number 430223202406200101-Y01)',
  errors: [{ field: 'localCertificateNumber', reason: '430223202406200101-Y01' }],
};

/** 422: the developer's credit code is not the construction permit's project developer. */
export const DEVELOPER_MISMATCH_EXAMPLE: ProblemExample = {
  code: 'DEVELOPER_MISMATCH',
  detail:
    "开发企业统一社会信用代码 91430224MA4Q0ABC1X 与施工许可证的建设单位不一致：施工许可证 430223202406200101 登记的建设单位为「攸县锦绣置业有限公司」 91430223MA4Q0ABC1F (developer credit code 91430224MA4Q0ABC1X differs from the permit's developer 91430223MA4Q0ABC1F)",
  errors: [
    {
      field: 'developer.creditCode',
      reason:
        '提交 91430224MA4Q0ABC1X，施工许可证 430223202406200101 登记为 91430223MA4Q0ABC1F (submitted 91430224MA4Q0ABC1X, permit 430223202406200101 has 91430223MA4Q0ABC1F)',
    },
  ],
};
