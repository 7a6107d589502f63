import { ErrorCode, SCAN_MAX_BYTES } from '@hn/messages';
import { DomainException } from '@hn/errors';

const MB = SCAN_MAX_BYTES / 1024 / 1024;

/** Problems of a multipart upload (data part + scan part), all before anything is stored. */
export const ScanUploadErrors = {
  notMultipart: () =>
    new DomainException(
      415,
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      '请使用 multipart/form-data 上传：data 部分为 JSON，scan 部分为扫描件 (use multipart/form-data with parts "data" and "scan")',
    ),
  missingPart: (part: string) =>
    new DomainException(400, ErrorCode.MULTIPART_INVALID, `缺少 ${part} 部分 (multipart part "${part}" is missing)`, [
      { field: part, reason: '必填 (required)' },
    ]),
  unexpectedPart: (part: string) =>
    new DomainException(
      400,
      ErrorCode.MULTIPART_INVALID,
      `不支持的部分 ${part}，只接受 data 和 scan (unexpected multipart part "${part}")`,
      [{ field: part, reason: '不支持 (unexpected)' }],
    ),
  badJson: () =>
    new DomainException(
      400,
      ErrorCode.MULTIPART_INVALID,
      'data 部分不是合法的 JSON 对象 (part "data" is not a JSON object)',
      [{ field: 'data', reason: 'malformed JSON' }],
    ),
  tooLarge: () =>
    new DomainException(413, ErrorCode.SCAN_TOO_LARGE, `扫描件超过 ${MB} MB 上限 (scan exceeds ${MB} MB)`, [
      { field: 'scan', reason: `最大 ${MB} MB (at most ${MB} MB)` },
    ]),
  empty: () =>
    new DomainException(400, ErrorCode.MULTIPART_INVALID, '扫描件为空 (scan is empty)', [
      { field: 'scan', reason: '空文件 (empty file)' },
    ]),
  unsupportedType: () =>
    new DomainException(
      415,
      ErrorCode.SCAN_TYPE_UNSUPPORTED,
      '扫描件须为 PDF、JPEG 或 PNG（按文件内容判断）(scan must be PDF, JPEG or PNG, judged from its content)',
      [{ field: 'scan', reason: '仅支持 PDF/JPEG/PNG (PDF, JPEG or PNG only)' }],
    ),
  malformed: (err: unknown) => {
    const message = err instanceof Error ? err.message : '';
    const reason = /boundary/i.test(message)
      ? 'boundary 缺失 (no boundary in Content-Type)'
      : /unexpected end|terminated|truncat|premature|aborted/i.test(message)
        ? '请求体不完整 (truncated multipart body)'
        : '格式错误 (malformed multipart body)';
    return new DomainException(400, ErrorCode.MULTIPART_INVALID, `multipart 请求体无法解析：${reason}`, [
      { field: 'body', reason },
    ]);
  },
  tooManyParts: () =>
    new DomainException(
      413,
      ErrorCode.PAYLOAD_TOO_LARGE,
      '上传内容部分过多或 data 过大 (too many parts or data part too large)',
    ),
};
