import { canonicalJson } from './canonical-json';
import { daysSinceEpoch, isNonNegativeSafeInteger } from './bytes';

/**
 * One entry of the transparency log: an issued, corrected or withdrawn presale permit.
 * 透明日志条目：签发、更正或撤回（作废）的预售许可证。
 */
export interface LogEntry {
  /** ISSUED 签发 | CORRECTED 更正 | WITHDRAWN 撤回（未提交的补录作废，编号不再使用） */
  kind: 'ISSUED' | 'CORRECTED' | 'WITHDRAWN';
  presaleNumber: string;
  /** YYYY-MM-DD */
  issueDate: string;
  /** recordDigest() of the canonical record as 32 lowercase hex digits (16 bytes). 记录摘要 */
  recordDigest: string;
  /** When the log accepted the entry, `Date.prototype.toISOString()` form, e.g. 2024-08-01T02:03:04.005Z. */
  loggedAt: string;
  /** CORRECTED and WITHDRAWN only (and required there): log index of the entry this one corrects or withdraws. 被更正或撤回条目的序号 */
  supersedesIndex?: number;
}

const PRESALE_NUMBER = /^\d{18}-[YZ](0[1-9]|[1-9]\d)$/;
const DIGEST_HEX = /^[0-9a-f]{32}$/;

function bad(field: string, detail: string): never {
  throw new RangeError(`日志条目无效 (invalid log entry) ${field}: ${detail}`);
}

function isIsoInstant(value: string): boolean {
  const ms = Date.parse(value);
  return Number.isFinite(ms) && new Date(ms).toISOString() === value;
}

/**
 * The bytes of a log entry (the input of leafHash): the UTF-8 bytes of canonicalJson of exactly the
 * fields above — keys sorted (issueDate, kind, loggedAt, presaleNumber, recordDigest,
 * supersedesIndex), no whitespace, supersedesIndex omitted for ISSUED (required for CORRECTED and WITHDRAWN). Unknown extra properties are
 * not encoded. Throws RangeError on invalid fields, so that every entry has one byte form.
 * 日志条目字节：上述字段的规范化 JSON（UTF-8）。
 */
export function encodeLogEntry(entry: LogEntry): Buffer {
  if (entry.kind !== 'ISSUED' && entry.kind !== 'CORRECTED' && entry.kind !== 'WITHDRAWN')
    bad('kind', String(entry.kind));
  if (typeof entry.presaleNumber !== 'string' || !PRESALE_NUMBER.test(entry.presaleNumber))
    bad('presaleNumber', String(entry.presaleNumber));
  if (typeof entry.issueDate !== 'string' || daysSinceEpoch(entry.issueDate) === null)
    bad('issueDate', String(entry.issueDate));
  if (typeof entry.recordDigest !== 'string' || !DIGEST_HEX.test(entry.recordDigest)) {
    bad('recordDigest', '需要 32 个小写十六进制字符 (expected 32 lowercase hex digits)');
  }
  if (typeof entry.loggedAt !== 'string' || !isIsoInstant(entry.loggedAt)) {
    bad('loggedAt', `需要 toISOString() 格式 (expected e.g. 2024-08-01T02:03:04.005Z): ${String(entry.loggedAt)}`);
  }
  const normalized: Record<string, string | number> = {
    kind: entry.kind,
    presaleNumber: entry.presaleNumber,
    issueDate: entry.issueDate,
    recordDigest: entry.recordDigest,
    loggedAt: entry.loggedAt,
  };
  if (entry.kind === 'CORRECTED' || entry.kind === 'WITHDRAWN') {
    if (!isNonNegativeSafeInteger(entry.supersedesIndex))
      bad('supersedesIndex', `更正或撤回条目必须给出 (required for ${entry.kind})`);
    normalized['supersedesIndex'] = entry.supersedesIndex;
  } else if (entry.supersedesIndex !== undefined) {
    bad('supersedesIndex', '仅用于更正或撤回条目 (only for CORRECTED and WITHDRAWN)');
  }
  return Buffer.from(canonicalJson(normalized), 'utf8');
}
