import type { HeaderObject } from '@nestjs/swagger';

export type DocumentedHeader = 'X-Correlation-Id' | 'RateLimit-Policy' | 'RateLimit' | 'Retry-After' | 'Location';

/** components.headers: the response header fields the gateway sends (bootstrap, ClientThrottlerGuard, sendProblem, controllers). */
export function openApiHeaders(): Record<DocumentedHeader, HeaderObject> {
  return {
    'X-Correlation-Id': {
      description:
        '关联号：请求带合法的 X-Correlation-Id 则原样返回，否则由网关生成；问题详情中的 correlationId 与之相同，报障时请提供 correlation id of the request (echoed when valid, else generated); also in problem+json',
      schema: { type: 'string', example: '0b6f7c1e-2a1d-4d55-9a43-6a4f0e0f8c11' },
    },
    'RateLimit-Policy': {
      description:
        '限流策略（draft-ietf-httpapi-ratelimit-headers）：策略名；q 每窗口额度单位，w 窗口秒数 rate-limit policy: name, q quota units per window, w window seconds',
      schema: { type: 'string', example: '"credential";q=600;w=60' },
    },
    RateLimit: {
      description:
        '当前窗口剩余额度：r 剩余单位，t 距窗口重置秒数（令牌无效的 401/403 在限流之前返回，不带此头） units left (r) and seconds to reset (t); absent on 401/403 refused before rate limiting',
      schema: { type: 'string', example: '"credential";r=597;t=42' },
    },
    'Retry-After': {
      description: '建议重试等待秒数（429 限流或账号锁定、503 暂不可用） seconds to wait before retrying (429, 503)',
      schema: { type: 'integer', minimum: 0, example: 42 },
    },
    Location: {
      description: '新建资源的地址（幂等重放同样返回） URL path of the created resource (also on an idempotent replay)',
      schema: { type: 'string', example: '/api/v1/presale-permits/430223202406200101-Y01' },
    },
  };
}

/** POST routes whose 201 carries Location (the controllers set it with the issued number). */
const LOCATION_ROUTES = new Set(['post /api/v1/presale-permits', 'post /api/v1/contract-filings']);

/**
 * Header fields of one documented response: the correlation id always; the rate-limit fields on 2xx
 * and 429 of a rate-limited route (every route but /health); Retry-After on 429 and 503; Location on
 * the 201 of the issuing routes.
 */
export function responseHeaders(method: string, path: string, status: string, throttled: boolean): DocumentedHeader[] {
  const out: DocumentedHeader[] = ['X-Correlation-Id'];
  if (throttled && (status.startsWith('2') || status === '429')) out.push('RateLimit-Policy', 'RateLimit');
  if (status === '429' || status === '503') out.push('Retry-After');
  if (status === '201' && LOCATION_ROUTES.has(`${method} ${path}`)) out.push('Location');
  return out;
}
