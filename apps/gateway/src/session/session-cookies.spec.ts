import {
  clearedSessionCookies,
  csrfKeyOf,
  csrfMatches,
  csrfTokenFor,
  isUnsafeMethod,
  readCookie,
  sessionCookies,
  tokenHash,
} from './session-cookies';

describe('session cookies', () => {
  it('sets the token HttpOnly for /api/ only and the CSRF token readable, both SameSite=Strict', () => {
    const [session, csrf] = sessionCookies('eyJ.a.b', 'c5rf', 900, false);
    expect(session).toBe('hn_session=eyJ.a.b; Path=/api/; Max-Age=900; HttpOnly; SameSite=Strict');
    expect(csrf).toBe('hn_csrf=c5rf; Path=/; Max-Age=900; SameSite=Strict');
    expect(sessionCookies('t', 'c', 900, true).every((c) => c.endsWith('; Secure'))).toBe(true);
  });

  it('clears both cookies with Max-Age=0 and an empty value', () => {
    expect(clearedSessionCookies(true)).toEqual([
      'hn_session=; Path=/api/; Max-Age=0; HttpOnly; SameSite=Strict; Secure',
      'hn_csrf=; Path=/; Max-Age=0; SameSite=Strict; Secure',
    ]);
  });

  it('reads one cookie of a Cookie header and refuses values that are not token text', () => {
    expect(readCookie('a=1; hn_session=eyJ.x.y; hn_csrf=z', 'hn_session')).toBe('eyJ.x.y');
    expect(readCookie(['a=1', 'hn_session=t2'], 'hn_session')).toBe('t2');
    expect(readCookie('xhn_session=t; hn_sessionx=u', 'hn_session')).toBeNull();
    expect(readCookie('hn_session=', 'hn_session')).toBeNull();
    expect(readCookie('hn_session=a"b', 'hn_session')).toBeNull();
    expect(readCookie(undefined, 'hn_session')).toBeNull();
  });

  it('binds the CSRF token to the session token and the secret, compared in constant time', () => {
    const key = csrfKeyOf('s'.repeat(40));
    const csrf = csrfTokenFor(key, 'token-1');
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenFor(key, 'token-2')).not.toBe(csrf);
    expect(csrfTokenFor(csrfKeyOf('t'.repeat(40)), 'token-1')).not.toBe(csrf);
    expect(csrfMatches(csrf, csrf)).toBe(true);
    expect(csrfMatches(csrf, `${csrf}x`)).toBe(false);
    expect(csrfMatches(csrf, undefined)).toBe(false);
    expect(csrfMatches(csrf, [csrf])).toBe(false);
  });

  it('treats everything but GET, HEAD and OPTIONS as unsafe; hashes tokens for the revocation list', () => {
    expect(['GET', 'head', 'OPTIONS'].map(isUnsafeMethod)).toEqual([false, false, false]);
    expect(['POST', 'PUT', 'patch', 'DELETE'].map(isUnsafeMethod)).toEqual([true, true, true, true]);
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
