import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The staff console's cookie session (POST /api/v1/auth/session): the access token in an HttpOnly
 * cookie scripts cannot read, sent only to the API, and a CSRF token in a second, script-readable
 * cookie that the console echoes in X-CSRF-Token on every unsafe request (double submit). The CSRF
 * token is an HMAC of the session token, so a cookie planted by someone else cannot pair with it.
 * Both SameSite=Strict, Secure when the request (or PUBLIC_BASE_URL) is HTTPS.
 */
export const SESSION_COOKIE = 'hn_session';
export const CSRF_COOKIE = 'hn_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** The session cookie goes to the API only; the CSRF cookie must be readable by the console's pages. */
export const SESSION_COOKIE_PATH = '/api/';
export const CSRF_COOKIE_PATH = '/';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const COOKIE_VALUE = /^[A-Za-z0-9._~+/=-]{1,4096}$/;

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The value of one cookie of a Cookie header (the first of that name), or null. */
export function readCookie(header: string | string[] | undefined, name: string): string | null {
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return null;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return COOKIE_VALUE.test(value) ? value : null;
  }
  return null;
}

/** HMAC-SHA256 of the session token under a key derived from the token secret, base64url. */
export function csrfTokenFor(key: Buffer, sessionToken: string): string {
  return createHmac('sha256', key).update(sessionToken).digest('base64url');
}

/** The CSRF key: derived from the access-token secret, never the secret itself. */
export function csrfKeyOf(tokenSecret: string): Buffer {
  return createHash('sha256').update(`hn-console-csrf\u0000${tokenSecret}`).digest();
}

/** Constant-time comparison of the header against the expected token. */
export function csrfMatches(expected: string, presented: string | string[] | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(name: string, value: string, path: string, maxAge: number, secure: boolean, httpOnly: boolean): string {
  return [
    `${name}=${value}`,
    `Path=${path}`,
    `Max-Age=${Math.max(0, Math.floor(maxAge))}`,
    ...(httpOnly ? ['HttpOnly'] : []),
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Set-Cookie values of a new session living `maxAgeSeconds` (the token's lifetime). */
export function sessionCookies(token: string, csrf: string, maxAgeSeconds: number, secure: boolean): string[] {
  return [
    cookie(SESSION_COOKIE, token, SESSION_COOKIE_PATH, maxAgeSeconds, secure, true),
    cookie(CSRF_COOKIE, csrf, CSRF_COOKIE_PATH, maxAgeSeconds, secure, false),
  ];
}

/** Set-Cookie values that remove both cookies (logout, an expired or revoked session). */
export function clearedSessionCookies(secure: boolean): string[] {
  return [
    cookie(SESSION_COOKIE, '', SESSION_COOKIE_PATH, 0, secure, true),
    cookie(CSRF_COOKIE, '', CSRF_COOKIE_PATH, 0, secure, false),
  ];
}

/** sha256 hex of a token: what the revocation list stores (never the token). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
