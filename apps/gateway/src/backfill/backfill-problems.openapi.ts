import { applyDecorators, Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import { SCAN_MAX_BYTES } from '@hn/messages';
import { ApiProblemExamples, ProblemExample } from '../presale/problem-examples.openapi';

const MB = SCAN_MAX_BYTES / 1024 / 1024;

export const SCAN_TOO_LARGE_EXAMPLE: ProblemExample = {
  code: 'SCAN_TOO_LARGE',
  detail: `扫描件超过 ${MB} MB 上限 (scan exceeds ${MB} MB)`,
  errors: [{ field: 'scan', reason: `最大 ${MB} MB (at most ${MB} MB)` }],
};
export const SCAN_TYPE_EXAMPLE: ProblemExample = {
  code: 'SCAN_TYPE_UNSUPPORTED',
  detail: '扫描件须为 PDF、JPEG 或 PNG（按文件内容判断）(scan must be PDF, JPEG or PNG, judged from its content)',
  errors: [{ field: 'scan', reason: '仅支持 PDF/JPEG/PNG (PDF, JPEG or PNG only)' }],
};
export const NOT_MULTIPART_EXAMPLE: ProblemExample = {
  code: 'UNSUPPORTED_MEDIA_TYPE',
  detail:
    '请使用 multipart/form-data 上传：data 部分为 JSON，scan 部分为扫描件 (use multipart/form-data with parts "data" and "scan")',
};
export const MISSING_PART_EXAMPLE: ProblemExample = {
  code: 'MULTIPART_INVALID',
  detail: '缺少 scan 部分 (multipart part "scan" is missing)',
  errors: [{ field: 'scan', reason: '必填 (required)' }],
};
export const BAD_DATA_JSON_EXAMPLE: ProblemExample = {
  code: 'MULTIPART_INVALID',
  detail: 'data 部分不是合法的 JSON 对象 (part "data" is not a JSON object)',
  errors: [{ field: 'data', reason: 'malformed JSON' }],
};
export const SCAN_UNAVAILABLE_EXAMPLE: ProblemExample = {
  code: 'SCAN_UNAVAILABLE',
  detail: '扫描件不可用：扫描件已过期或不存在，请重新上传 (staged scan expired or missing; upload again)',
  errors: [{ field: 'scan', reason: 'expired' }],
};
export const BACKFILL_LOCKED_EXAMPLE: ProblemExample = {
  code: 'RECORD_LOCKED',
  detail:
    '补录的预售许可证 430223202406200101-Z01 已提交锁定，不能再撤回或修改；确需纠错请书面报告省厅，由管理员更正 (submitted and locked; only an ADMIN correction can change it)',
  errors: [{ field: 'presaleNumber', reason: '430223202406200101-Z01' }],
};
export const BACKFILL_NOT_FOUND_EXAMPLE: ProblemExample = {
  code: 'PRESALE_NOT_FOUND',
  detail: '未找到补录的预售许可证 430223202406200101-Z07 (backfilled presale permit not found)',
  errors: [{ field: 'presaleNumber', reason: '430223202406200101-Z07' }],
};
export const PERMIT_REGION_FORBIDDEN_EXAMPLE: ProblemExample = {
  code: 'REGION_FORBIDDEN',
  detail: "施工许可证 430102202405100101 属区划 430102，不在本凭据的区划范围内 (outside the caller's regions)",
  errors: [{ field: 'constructionPermitNumbers[0]', reason: '区划 430102 不在授权范围 (region 430102 not granted)' }],
};

/** multipart/form-data with a JSON `data` part and a `scan` file part, documented with an example of `data`. */
/**
 * The `data` part of a multipart upload: a JSON text field; with its message class, the JSON's schema
 * (OpenAPI 3.1 contentMediaType / contentSchema), so the document shows the fields the gateway checks.
 */
export function multipartDataSchema(description: string, example: unknown, model?: Type): Record<string, unknown> {
  return {
    type: 'string',
    description,
    example: JSON.stringify(example),
    ...(model ? { contentMediaType: 'application/json', contentSchema: { $ref: getSchemaPath(model) } } : {}),
  };
}

export function ApiMultipartScan(
  dataDescription: string,
  dataExample: unknown,
  scanDescription: string,
  /** the message class of the `data` part: its schema is published and named by the part (contentSchema) */
  dataModel?: Type,
): MethodDecorator {
  return applyDecorators(
    ...(dataModel ? [ApiExtraModels(dataModel)] : []),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      description: `multipart/form-data：data 部分为 JSON（文本字段，或 Content-Type: application/json 的文件部分）；scan 部分为扫描件（PDF/JPEG/PNG，按内容判断，≤ ${MB} MB）。\n\nParts: data = JSON, scan = the scan (PDF/JPEG/PNG by content, at most ${MB} MB).`,
      schema: {
        type: 'object',
        required: ['data', 'scan'],
        properties: {
          data: multipartDataSchema(dataDescription, dataExample, dataModel),
          scan: { type: 'string', format: 'binary', description: scanDescription },
        },
      },
    }),
  );
}

/** 400 / 413 / 415 of a multipart scan upload (raised before anything is staged or stored). */
export function MultipartScanProblems(): MethodDecorator {
  return applyDecorators(
    ApiProblemExamples(400, 'multipart 内容缺失或有误 Missing or malformed part', {
      missingPart: MISSING_PART_EXAMPLE,
      badDataJson: BAD_DATA_JSON_EXAMPLE,
    }),
    ApiProblemExamples(413, '扫描件超过 20 MB Scan too large', { scanTooLarge: SCAN_TOO_LARGE_EXAMPLE }),
    ApiProblemExamples(415, '不是 multipart 或扫描件类型不支持 Not multipart or unsupported scan type', {
      notMultipart: NOT_MULTIPART_EXAMPLE,
      scanType: SCAN_TYPE_EXAMPLE,
    }),
  );
}
