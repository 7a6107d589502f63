import { ErrorCode } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { CSRF_COOKIE } from './session-cookies';

export const SessionErrorCode = {
  CSRF_TOKEN_MISSING: 'CSRF_TOKEN_MISSING',
  CSRF_TOKEN_INVALID: 'CSRF_TOKEN_INVALID',
  CROSS_SITE_REQUEST: 'CROSS_SITE_REQUEST',
} as const;

export const SessionErrors = {
  csrfMissing(): DomainException {
    return new DomainException(
      403,
      SessionErrorCode.CSRF_TOKEN_MISSING,
      `缺少 CSRF 令牌：以登录 Cookie 发出的修改请求须带请求头 X-CSRF-Token，其值与 Cookie ${CSRF_COOKIE} 相同 (missing X-CSRF-Token header)`,
    );
  },
  csrfInvalid(): DomainException {
    return new DomainException(
      403,
      SessionErrorCode.CSRF_TOKEN_INVALID,
      `CSRF 令牌不符：请求头 X-CSRF-Token 与本次登录不匹配，请刷新页面或重新登录 (X-CSRF-Token does not match the session)`,
    );
  },
  crossSite(): DomainException {
    return new DomainException(
      403,
      SessionErrorCode.CROSS_SITE_REQUEST,
      '拒绝来自其他网站的请求 (cross-site request refused: Sec-Fetch-Site is not same-origin)',
    );
  },
  revoked(): DomainException {
    return new DomainException(
      401,
      ErrorCode.UNAUTHORIZED,
      '已退出登录，此访问令牌不再有效，请重新登录 (access token revoked at logout)',
    );
  },
  unavailable(): DomainException {
    return new DomainException(
      503,
      ErrorCode.SERVICE_UNAVAILABLE,
      '暂时无法核验登录状态，请稍后重试 (session state unavailable, retry later)',
    );
  },
};
