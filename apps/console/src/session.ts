/** The staff token lives in sessionStorage only: closing the tab ends the session. */
const KEY = 'hn.console.token';

export interface SessionInfo {
  username: string;
  role: string;
  regions: string[];
  scopes: string[];
}

export function currentToken(): string | null {
  const token = sessionStorage.getItem(KEY);
  if (!token) return null;
  const info = decode(token);
  if (!info || info.exp * 1000 <= Date.now()) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return token;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/**
 * What the token says about the user, read only to hide controls the role cannot use (a courtesy:
 * the gateway verifies the token and decides every request).
 */
export function sessionInfo(): SessionInfo | null {
  const token = currentToken();
  const claims = token ? decode(token) : null;
  if (!claims) return null;
  return { username: claims.sub, role: claims.role ?? '', regions: claims.regions, scopes: claims.scopes };
}

/** The one-time password of a new (or reset) account is not changed yet: the token may only change it. */
export function passwordChangePending(): boolean {
  return sessionInfo()?.scopes.includes('password:change-required') ?? false;
}

export function canWrite(): boolean {
  return sessionInfo()?.scopes.includes('supervision:write') ?? false;
}

interface Claims {
  sub: string;
  role?: string;
  regions: string[];
  scopes: string[];
  exp: number;
}

function decode(token: string): Claims | null {
  try {
    const part = token.split('.')[1] ?? '';
    const json = new TextDecoder().decode(
      Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
    );
    const p = JSON.parse(json) as Record<string, unknown>;
    return {
      sub: typeof p['sub'] === 'string' ? p['sub'] : '',
      ...(typeof p['role'] === 'string' ? { role: p['role'] } : {}),
      regions: Array.isArray(p['regions']) ? p['regions'].filter((r): r is string => typeof r === 'string') : [],
      scopes: typeof p['scope'] === 'string' ? p['scope'].split(' ') : [],
      exp: typeof p['exp'] === 'number' ? p['exp'] : 0,
    };
  } catch {
    return null;
  }
}
