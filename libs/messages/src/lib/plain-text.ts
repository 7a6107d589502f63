import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Text rules that need only the payload, written once for the gateway DTOs, the gateway's body
 * guard and the services' own validators.
 *
 * - Never anywhere: NUL (Postgres refuses 0x00), lone UTF-16 surrogates (not encodable as UTF-8),
 *   C0 controls other than TAB/LF/CR, DEL and the C1 controls (U+0080–U+009F).
 * - In official-record text (names, addresses, authorities, numbers, reasons on one line): no control
 *   character at all, TAB/LF/CR included ("plain text").
 */
export interface TextOptions {
  /** allow TAB, LF and CR (free text such as remarks); default false */
  multiline?: boolean;
}

/** Keys refused in every JSON body and multipart `data` part (prototype pollution). */
export const FORBIDDEN_JSON_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export function isForbiddenJsonKey(key: string): boolean {
  return FORBIDDEN_JSON_KEYS.includes(key);
}

const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is not acceptable text, or null when it is. */
export function textCharacterProblem(value: string, options: TextOptions = {}): string | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c >= 0xa0 && c < 0xd800) continue;
    if (c === 0) return '不允许 NUL 字符 (NUL character U+0000 not allowed)';
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `不允许孤立的代理项 (lone surrogate ${hex(c)})`;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `不允许孤立的代理项 (lone surrogate ${hex(c)})`;
    if (c >= 0xe000) continue;
    if ((c === 0x09 || c === 0x0a || c === 0x0d) && options.multiline) continue;
    return `不允许控制字符 (control character ${hex(c)} not allowed)`;
  }
  return null;
}

/** True for a string with no character refused by textCharacterProblem. */
export function isCleanText(value: string, options: TextOptions = {}): boolean {
  return textCharacterProblem(value, options) === null;
}

/**
 * The services' "required text" rule: a string, not blank, at most `max` characters, plain text
 * (no control character; `multiline` lets TAB/LF/CR through).
 */
export function isPlainText(value: unknown, max: number, options: TextOptions = {}): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= max && isCleanText(value, options);
}

/**
 * class-validator constraint for DTO string properties (and each element of string arrays with
 * `{ each: true }`): refuses NUL, lone surrogates and control characters. Non-strings pass (IsString
 * reports them).
 */
export function IsPlainText(options: TextOptions = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPlainText',
      validator: {
        validate: (value: unknown): boolean =>
          typeof value !== 'string' || textCharacterProblem(value, options) === null,
        defaultMessage: (args): string => {
          const values: unknown[] = Array.isArray(args?.value) ? (args.value as unknown[]) : [args?.value];
          for (const v of values) {
            const problem = typeof v === 'string' ? textCharacterProblem(v, options) : null;
            if (problem) return problem;
          }
          return '含有不允许的字符 (contains characters not allowed)';
        },
      },
    },
    validationOptions,
  );
}
