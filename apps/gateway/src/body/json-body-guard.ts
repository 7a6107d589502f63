import { ErrorCode, FieldError, isForbiddenJsonKey, textCharacterProblem } from '@hn/messages';
import { DomainException } from '@hn/errors';

/**
 * The gateway's guard on every JSON body (and multipart `data` part), applied before anything else
 * looks at it: nesting depth is measured on the raw text (iteratively, so a 1 MB `[[[[…` costs a
 * few ms and no stack), then the parsed value is walked once (iteratively) for forbidden keys,
 * characters Postgres or UTF-8 cannot hold, over-long strings and arrays and numbers beyond 2^53.
 */
export const JSON_MAX_DEPTH = 32;
/** No route takes more items in one array (marking batches: 1,000; unit codes: 2,000). */
export const JSON_MAX_ARRAY_ITEMS = 10_000;
/** No route takes longer text (the longest fields are a few hundred characters). */
export const JSON_MAX_STRING_LENGTH = 65_536;

const MALFORMED: FieldError = { field: 'body', reason: 'malformed JSON' };

/** Depth of the deepest array/object in `text`, stopping (and returning) as soon as it exceeds `limit`. */
export function jsonDepth(text: string, limit = JSON_MAX_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

const fieldPath = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;

/**
 * Everything wrong with an already parsed value (keys, characters, sizes, numbers), each error
 * naming its field path (`developer.name`, `buildings[2]`). Returns at most `maxErrors` errors.
 * `status` is 413 when only sizes are exceeded.
 */
export function inspectJsonValue(
  root: unknown,
  maxErrors = 20,
): { errors: FieldError[]; status: 400 | 413; tooDeep: boolean } {
  const errors: FieldError[] = [];
  let tooDeep = false;
  let onlySizes = true;
  const add = (field: string, reason: string, size = false): void => {
    if (!size) onlySizes = false;
    errors.push({ field: field === '' ? 'body' : field, reason });
  };
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: '', depth: 0 }];
  while (stack.length > 0 && errors.length < maxErrors) {
    const { value, path, depth } = stack.pop()!;
    if (depth > JSON_MAX_DEPTH) {
      tooDeep = true;
      break;
    }
    if (typeof value === 'string') {
      if (value.length > JSON_MAX_STRING_LENGTH)
        add(
          path,
          `字符串过长，最多 ${JSON_MAX_STRING_LENGTH} 字符 (string longer than ${JSON_MAX_STRING_LENGTH})`,
          true,
        );
      else {
        const problem = textCharacterProblem(value, { multiline: true });
        if (problem) add(path, problem);
      }
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)
        add(path, '数值超出范围 (number out of range, |n| ≤ 2^53 − 1)');
    } else if (Array.isArray(value)) {
      if (value.length > JSON_MAX_ARRAY_ITEMS)
        add(path, `数组过大，最多 ${JSON_MAX_ARRAY_ITEMS} 项 (array longer than ${JSON_MAX_ARRAY_ITEMS})`, true);
      else
        for (let i = value.length - 1; i >= 0; i--)
          stack.push({ value: value[i], path: fieldPath(path, i), depth: depth + 1 });
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const at = fieldPath(path, key);
        if (isForbiddenJsonKey(key)) add(at, `不允许的字段名 ${key} (forbidden key)`);
        else {
          const keyProblem = textCharacterProblem(key);
          if (keyProblem) add(at, `字段名：${keyProblem}`);
          else stack.push({ value: (value as Record<string, unknown>)[key], path: at, depth: depth + 1 });
        }
      }
    }
  }
  return { errors, status: onlySizes && errors.length > 0 ? 413 : 400, tooDeep };
}

/** Throws the problem for a value that inspectJsonValue refuses. */
export function assertCleanJsonValue(value: unknown): void {
  const { errors, status, tooDeep } = inspectJsonValue(value);
  if (tooDeep) throw tooDeepProblem();
  if (errors.length === 0) return;
  if (status === 413)
    throw new DomainException(
      413,
      ErrorCode.PAYLOAD_TOO_LARGE,
      '请求体中的数组或字符串超过上限 (array or string too large)',
      errors,
    );
  throw DomainException.validation(
    errors,
    '请求体含有不允许的字段名、字符或数值 (forbidden key, character or number in the body)',
  );
}

function tooDeepProblem(): DomainException {
  return new DomainException(
    400,
    ErrorCode.BODY_TOO_DEEP,
    `JSON 嵌套超过 ${JSON_MAX_DEPTH} 层 (JSON nested deeper than ${JSON_MAX_DEPTH} levels)`,
    [{ field: 'body', reason: `nesting depth > ${JSON_MAX_DEPTH}` }],
  );
}

/**
 * Parses a JSON text through the guard: BODY_TOO_DEEP (400) before parsing, VALIDATION_FAILED
 * (400, field `body`) when malformed, then assertCleanJsonValue.
 */
export function parseGuardedJson(text: string): unknown {
  const depth = jsonDepth(text);
  if (depth > JSON_MAX_DEPTH) throw tooDeepProblem();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw DomainException.validation([MALFORMED], '请求体不是合法的 JSON (malformed JSON body)');
  }
  assertCleanJsonValue(value);
  return value;
}
