import { clearSession, CSRF_HEADER, csrfToken } from './session.js';

/** RFC 9457 problem document as the gateway sends it. */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail: string;
  errors?: Array<{ field: string; reason: string }>;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** Thrown after a 401: the session is gone, the app shows the login page. */
export class SessionExpired extends Error {}

async function toProblem(res: Response): Promise<Problem> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    return {
      status: res.status,
      code: body.code ?? 'UNKNOWN',
      detail: body.detail ?? body.title ?? res.statusText,
      ...(body.title ? { title: body.title } : {}),
      ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
    };
  } catch {
    return { status: res.status, code: 'UNKNOWN', detail: `服务器返回 ${res.status} (HTTP ${res.status})` };
  }
}

/** Methods the gateway checks the CSRF header on (with the session cookie). */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Calls the gateway's documented API (same origin); the browser sends the session cookie, which no
 * script can read, and unsafe requests carry the CSRF token (`auth` false: the login, which has none yet).
 */
export async function request(path: string, init: RequestInit = {}, auth = true): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('accept', headers.get('accept') ?? 'application/json');
  const csrf = csrfToken();
  if (auth && csrf && UNSAFE.has((init.method ?? 'GET').toUpperCase())) headers.set(CSRF_HEADER, csrf);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', detail: '无法连接服务器，请检查网络 (network error)' });
  }
  if (res.status === 401 && auth) {
    clearSession();
    throw new SessionExpired('登录已失效，请重新登录 (session expired)');
  }
  if (!res.ok) throw new ApiError(await toProblem(res));
  return res;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await request(path)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown, auth = true): Promise<T> {
  const res = await request(
    path,
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    auth,
  );
  return (await res.json()) as T;
}
