import { sha256 } from './bytes';

function fail(path: string, what: string): never {
  throw new TypeError(`无法规范化 JSON (cannot canonicalize) at ${path}: ${what}`);
}

function isRejectedObject(value: object): boolean {
  return (
    value instanceof Map ||
    value instanceof Set ||
    value instanceof WeakMap ||
    value instanceof WeakSet ||
    value instanceof RegExp ||
    value instanceof Promise ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value)
  );
}

function hasToJson(value: object): value is { toJSON: () => unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function serialize(value: unknown, path: string, stack: object[]): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) fail(path, `non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      fail(path, `unsupported type ${typeof value}`);
  }
  if (value === null) return 'null';
  if (stack.includes(value)) fail(path, 'cyclic structure');
  if (hasToJson(value)) return serialize(value.toJSON(), path, stack);
  if (isRejectedObject(value)) fail(path, `unsupported object ${value.constructor?.name ?? 'Object'}`);
  stack.push(value);
  let out: string;
  if (Array.isArray(value)) {
    const items = value.map((item: unknown, i) => {
      if (item === undefined) fail(`${path}[${i}]`, 'undefined array element');
      return serialize(item, `${path}[${i}]`, stack);
    });
    out = `[${items.join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = record[key];
      if (member === undefined) continue;
      members.push(`${JSON.stringify(key)}:${serialize(member, `${path}.${key}`, stack)}`);
    }
    out = `{${members.join(',')}}`;
  }
  stack.pop();
  return out;
}

/**
 * Canonical JSON: object keys sorted recursively by UTF-16 code units, no whitespace, strings and
 * numbers written as `JSON.stringify` writes them (the same rules as RFC 8785 JCS for ordinary data).
 * Object members whose value is `undefined` are omitted (as in JSON.stringify); `toJSON()` is honoured
 * (a Date becomes its ISO string). Throws TypeError on what JSON cannot say unambiguously: non-finite
 * numbers, bigint, functions, symbols, undefined at top level or in arrays, Map/Set/typed arrays, cycles.
 * 规范化 JSON：键递归排序、无空白；不能无歧义表示的值抛出 TypeError。
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '$', []);
}

/**
 * Digest of an issued record: the first 16 bytes of SHA-256 over the UTF-8 bytes of its canonical JSON.
 * 记录摘要：规范化 JSON 的 UTF-8 字节的 SHA-256 前 16 字节。
 */
export function recordDigest(record: Record<string, unknown>): Buffer {
  return Buffer.from(sha256(Buffer.from(canonicalJson(record), 'utf8')).subarray(0, 16));
}
