import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import { request as httpRequest, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { LookupFunction } from 'node:net';
import { resolvedAddressProblem, UrlRules } from '../subscribers/webhook-url';

export interface SendResult {
  status: number | null;
  retryAfter: string | null;
  latencyMs: number;
  error: string | null;
}

/**
 * One POST. Redirects are never followed (a 3xx is a failed attempt); the address a name resolves to
 * is checked in the connection's own lookup, so a name cannot be re-pointed at a private address
 * between the check and the connection (DNS rebinding). The response body is read and dropped (≤ 64 KiB).
 */
export function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; rules: UrlRules },
): Promise<SendResult> {
  const started = Date.now();
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: false }, (err, address, family) => {
      if (err) return callback(err, address, family);
      const problem = resolvedAddressProblem(host, String(address), options.rules);
      if (problem) return callback(new Error(problem), address, family);
      callback(null, address as string & LookupAddress[], family);
    });
  };
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'hn-exchange/1 (Hunan presale supervision platform)',
    },
    lookup,
    timeout: options.timeoutMs,
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const done = (result: Omit<SendResult, 'latencyMs'>): void => {
      if (settled) return;
      settled = true;
      resolve({ ...result, latencyMs: Date.now() - started });
    };
    let req: ReturnType<typeof send>;
    try {
      req = send(target, requestOptions, (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 65_536) res.destroy();
        });
        const finish = (): void => {
          const status = res.statusCode ?? null;
          const retryAfter = typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : null;
          const error = status !== null && status >= 200 && status < 300 ? null : `HTTP ${status}`;
          done({
            status,
            retryAfter,
            error:
              status !== null && status >= 300 && status < 400
                ? `${error} (重定向不跟随 redirect not followed)`
                : error,
          });
        };
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      });
    } catch (err) {
      // e.g. a header Node refuses: a failed attempt like any other, recorded
      done({ status: null, retryAfter: null, error: (err instanceof Error ? err.message : String(err)).slice(0, 300) });
      return;
    }
    req.on('timeout', () => req.destroy(new Error(`timeout after ${options.timeoutMs} ms`)));
    req.on('error', (err) => done({ status: null, retryAfter: null, error: err.message.slice(0, 300) }));
    req.end(body);
  });
}
