/**
 * The console's session is an HttpOnly cookie set by the gateway (POST /api/v1/auth/session): no
 * script, this one included, can read the token. What is kept here is only what the server said about
 * the user (name, role, regions, scopes, expiry), in sessionStorage, to hide controls the role cannot
 * use; the gateway decides every request. Unsafe requests echo the CSRF cookie in X-CSRF-Token.
 */
const KEY = 'hn.console.session';
const CSRF_COOKIE = 'hn_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
export const SESSION_PATH = '/api/v1/auth/session';

export interface SessionInfo {
  username: string;
  role: string;
  regions: string[];
  scopes: string[];
  /** ISO time the server's session ends */
  expiresAt: string;
}

/** The user's session as last told by the server, or null (none, or past its expiry). */
export function sessionInfo(): SessionInfo | null {
  const info = parse(sessionStorage.getItem(KEY));
  if (!info || Date.parse(info.expiresAt) <= Date.now()) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return info;
}

export function hasSession(): boolean {
  return sessionInfo() !== null;
}

export function saveSession(info: SessionInfo): void {
  sessionStorage.setItem(KEY, JSON.stringify(info));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** The one-time password of a new (or reset) account is not changed yet: the session may only change it. */
export function passwordChangePending(): boolean {
  return sessionInfo()?.scopes.includes('password:change-required') ?? false;
}

export function canWrite(): boolean {
  return sessionInfo()?.scopes.includes('supervision:write') ?? false;
}

/** The CSRF token the gateway set beside the session cookie (readable on purpose: it is not the session). */
export function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return value.join('=') || null;
  }
  return null;
}

/**
 * A new tab has no stored info, but the browser may hold a live session cookie: ask the server
 * (GET /api/v1/auth/session). False when there is no session (401) or the server cannot be reached.
 */
export async function restoreSession(): Promise<boolean> {
  try {
    const res = await fetch(SESSION_PATH, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return false;
    const info = parse(await res.text());
    if (!info) return false;
    saveSession(info);
    return true;
  } catch {
    return false;
  }
}

/** 退出: the gateway revokes the token and clears both cookies; the local info goes whatever it answers. */
export async function logOut(): Promise<void> {
  const csrf = csrfToken();
  try {
    await fetch(SESSION_PATH, {
      method: 'DELETE',
      headers: { accept: 'application/json', ...(csrf ? { [CSRF_HEADER]: csrf } : {}) },
      credentials: 'same-origin',
    });
  } catch {
    // offline: the cookie still expires with the token
  } finally {
    clearSession();
  }
}

function parse(text: string | null): SessionInfo | null {
  if (!text) return null;
  try {
    const p = JSON.parse(text) as Record<string, unknown>;
    const strings = (v: unknown): string[] =>
      Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    if (typeof p['username'] !== 'string' || typeof p['expiresAt'] !== 'string') return null;
    return {
      username: p['username'],
      role: typeof p['role'] === 'string' ? p['role'] : '',
      regions: strings(p['regions']),
      scopes: strings(p['scopes']),
      expiresAt: p['expiresAt'],
    };
  } catch {
    return null;
  }
}
