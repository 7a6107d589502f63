import { ApiError, Problem, SessionExpired } from './api.js';
import { h } from './dom.js';
import { clearSession, CSRF_HEADER, csrfToken } from './session.js';

/** As the gateway: PDF, JPEG or PNG judged by the content, at most 20 MB. */
export const SCAN_MAX_BYTES = 20 * 1024 * 1024;
export const SCAN_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** The type and size of a chosen file, checked in the browser before anything is sent (the server checks again). */
export async function scanProblem(file: File | null | undefined): Promise<string | null> {
  if (!file) return '请选择扫描件 (choose a file)';
  if (file.size === 0) return '文件为空 (the file is empty)';
  if (file.size > SCAN_MAX_BYTES)
    return `扫描件 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过 20 MB 上限 (larger than 20 MB)`;
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  const known = starts(0x25, 0x50, 0x44, 0x46, 0x2d) || starts(0xff, 0xd8, 0xff) || starts(0x89, 0x50, 0x4e, 0x47);
  return known ? null : '扫描件须为 PDF、JPEG 或 PNG（按文件内容判断）(PDF, JPEG or PNG only)';
}

/** A labelled progress bar for an upload (hidden until one starts). */
export function uploadProgress(id: string): HTMLProgressElement {
  return h('progress', { id, max: 100, value: 0, hidden: true, 'aria-label': '上传进度 Upload progress' });
}

/**
 * Sends multipart parts (`data` as JSON when given, `scan` the file) with the session cookie,
 * reporting the upload's progress (fetch cannot); answers like api.ts: ApiError with the server's
 * problem document, SessionExpired after a 401.
 */
export function uploadScan<T>(
  method: 'PUT' | 'POST',
  path: string,
  parts: { data?: unknown; scan: File },
  progress?: HTMLProgressElement,
  options: { headers?: Record<string, string>; onProgress?: (loaded: number, total: number) => void } = {},
): Promise<T> {
  const form = new FormData();
  if (parts.data !== undefined) form.append('data', JSON.stringify(parts.data));
  form.append('scan', parts.scan, parts.scan.name);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = csrfToken(); // the session cookie goes by itself (same origin); the CSRF token is echoed
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    if (options.onProgress)
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) options.onProgress?.(e.loaded, e.total);
      });
    if (progress) {
      progress.hidden = false;
      progress.value = 0;
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) progress.value = Math.round((e.loaded / e.total) * 100);
      });
    }
    xhr.addEventListener('error', () =>
      reject(new ApiError({ status: 0, code: 'NETWORK', detail: '无法连接服务器，请检查网络 (network error)' })),
    );
    xhr.addEventListener('load', () => {
      if (progress) progress.value = 100;
      if (xhr.status === 401) {
        clearSession();
        reject(new SessionExpired('登录已失效，请重新登录 (session expired)'));
        return;
      }
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a problem is made from the status below
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new ApiError(problemOf(xhr.status, body)));
    });
    xhr.send(form);
  });
}

function problemOf(status: number, body: unknown): Problem {
  const b = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
  return {
    status,
    code: typeof b.code === 'string' ? b.code : 'UNKNOWN',
    detail: typeof b.detail === 'string' ? b.detail : `服务器返回 ${status} (HTTP ${status})`,
    ...(Array.isArray(b.errors) ? { errors: b.errors } : {}),
  };
}
