/** Key fragments whose values never reach an audit row (compared lower-case, without _ and -). */
const SENSITIVE_KEY_PARTS = ['password', 'secret', 'token', 'idnumber', 'phone', 'mobile'];
export const REDACTED = '[REDACTED]';

const MAX_DEPTH = 8;
const MAX_ARRAY_ITEMS = 2000;
const MAX_STRING_LENGTH = 2000;
/** Serialized size above which a value is replaced by a summary (an audit row is not a file store). */
export const MAX_AUDIT_JSON_BYTES = 256 * 1024;

export function isSensitiveKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[_-]/g, '');
  return SENSITIVE_KEY_PARTS.some((part) => normalized.includes(part));
}

/**
 * A JSON-safe copy of `value` for an audit row: values under sensitive keys (password, secret,
 * token, idNumber, phone, mobile, in any case or with prefixes such as client_secret / buyerPhone) become
 * "[REDACTED]"; binary content becomes its size; very deep, long or large values are cut down.
 */
export function redactForAudit(value: unknown): unknown {
  if (value === undefined) return null;
  const copy = walk(value, 0);
  const size = Buffer.byteLength(JSON.stringify(copy) ?? 'null');
  return size > MAX_AUDIT_JSON_BYTES ? { truncated: true, bytes: size } : copy;
}

function walk(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return cleanString(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { binary: true, bytes: value.byteLength };
  if (typeof value !== 'object') return null; // functions, symbols
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ARRAY_ITEMS).map((v) => walk(v, depth + 1));
    if (value.length > MAX_ARRAY_ITEMS) items.push(`…(${value.length - MAX_ARRAY_ITEMS} more)`);
    return items;
  }
  if (typeof (value as { pipe?: unknown }).pipe === 'function') return { stream: true }; // multipart parts, streams
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    out[cleanString(key)] = isSensitiveKey(key) ? REDACTED : walk(v, depth + 1);
  }
  return out;
}

/** Postgres jsonb refuses U+0000; long strings are cut with their length noted. */
function cleanString(value: string): string {
  const s = value.includes('\u0000') ? value.split('\u0000').join('') : value;
  return s.length > MAX_STRING_LENGTH ? `${s.slice(0, MAX_STRING_LENGTH)}…(${s.length})` : s;
}
