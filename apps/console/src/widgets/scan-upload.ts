import { ApiError, Problem, SessionExpired } from '../api.js';
import { clearSession, currentToken } from '../session.js';

/** The gateway's limits for a scan (docs/stock-projects.md §4): PDF, JPEG or PNG by content, ≤ 20 MB, not empty. */
export const SCAN_MAX_BYTES = 20 * 1024 * 1024;
export const SCAN_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

const SIGNATURES: Array<[string, number[]]> = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
];

/**
 * The server's checks, made in the browser before anything is sent: the type from the file's first
 * bytes (as the gateway judges it; the name and declared type do not count), the size, not empty.
 * Returns the reason in Chinese, or null when the file may be uploaded.
 */
export async function checkScan(file: File | null | undefined): Promise<string | null> {
  if (!file) return '请选择扫描件 (choose the scan)';
  if (file.size === 0) return '扫描件为空 (the file is empty)';
  if (file.size > SCAN_MAX_BYTES)
    return `扫描件 ${(file.size / 1024 / 1024).toFixed(2)} MB，超过 20 MB 上限 (at most 20 MB)`;
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const kind = SIGNATURES.find(([, sig]) => sig.every((b, i) => head[i] === b));
  if (!kind) return '扫描件须为 PDF、JPEG 或 PNG（按文件内容判断）(PDF, JPEG or PNG only)';
  return null;
}

export interface UploadOptions {
  headers?: Record<string, string>;
  /** bytes sent so far of the whole request */
  onProgress?: (loaded: number, total: number) => void;
}

/**
 * POSTs multipart form data with the session's bearer token through XMLHttpRequest (fetch reports no
 * upload progress). Resolves with the parsed JSON of a 2xx answer; a problem document becomes an
 * ApiError, a 401 SessionExpired, a lost connection ApiError NETWORK (status 0).
 */
export function uploadForm<T>(url: string, body: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    const token = currentToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded, e.total);
    });
    xhr.addEventListener('error', () =>
      reject(new ApiError({ status: 0, code: 'NETWORK', detail: '无法连接服务器，请检查网络后重试 (network error)' })),
    );
    xhr.addEventListener('load', () => {
      if (xhr.status === 401) {
        clearSession();
        reject(new SessionExpired('登录已失效，请重新登录 (session expired)'));
        return;
      }
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json as T);
      else reject(new ApiError(problemOf(xhr.status, json)));
    });
    xhr.send(body);
  });
}

function problemOf(status: number, json: unknown): Problem {
  const body = (json && typeof json === 'object' ? json : {}) as Partial<Problem>;
  return {
    status,
    code: body.code ?? 'UNKNOWN',
    detail: body.detail ?? body.title ?? `服务器返回 ${status} (HTTP ${status})`,
    ...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
  };
}
