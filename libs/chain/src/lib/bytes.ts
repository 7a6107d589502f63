import { createHash } from 'node:crypto';

/** SHA-256 over the concatenation of the given byte strings. */
export function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64_STD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict base64url (RFC 4648 §5, no padding): only the URL-safe alphabet, and the text must be the
 * canonical encoding of the bytes (no non-zero trailing bits), so one byte string has one text form.
 * Returns null when the text is not such an encoding.
 */
export function decodeBase64UrlStrict(text: string): Buffer | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/** Strict standard base64 (RFC 4648 §4, with padding), canonical form only; null otherwise. */
export function decodeBase64Strict(text: string): Buffer | null {
  if (!BASE64_STD.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a real calendar date written YYYY-MM-DD, or null if it is not one. */
export function daysSinceEpoch(isoDate: string): number | null {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** The YYYY-MM-DD date that is `days` days after 1970-01-01. */
export function isoDateFromDays(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** True for an integer in [0, Number.MAX_SAFE_INTEGER]. */
export function isNonNegativeSafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
