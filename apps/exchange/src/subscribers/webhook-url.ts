import { isIP } from 'node:net';
import { FieldError } from '@hn/messages';

export interface UrlRules {
  environment: 'development' | 'production';
  allowedHosts: string[];
}

/** Private, loopback, link-local, CGNAT, unspecified and multicast ranges (SSRF targets). */
export function isPrivateAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) {
    const [a, b] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    );
  }
  if (v === 6) {
    const x = address.toLowerCase();
    if (x === '::' || x === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
    if (mapped) return isPrivateAddress(mapped[1]);
    return /^(fc|fd|fe[89ab]|ff)/.test(x);
  }
  return false;
}

/**
 * Problems of a webhook URL: parseable, https (http only in development), no credentials in it, the
 * host on EXCHANGE_ALLOWED_HOSTS, and a literal private or loopback address only when that exact
 * address is allowlisted. Names resolving to private addresses are checked again at each attempt
 * (resolvedAddressProblem). Reasons name the allowed hosts so the caller can correct the request.
 */
export function webhookUrlProblems(raw: string, rules: UrlRules): FieldError[] {
  const field = 'delivery.url';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return [{ field, reason: '不是有效的 URL (not a valid URL)' }];
  }
  const errors: FieldError[] = [];
  const schemes = rules.environment === 'development' ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol))
    errors.push({
      field,
      reason:
        rules.environment === 'development'
          ? '须为 https:// 或 http:// (https or http)'
          : '须为 https:// (https is required outside development)',
    });
  if (url.username || url.password)
    errors.push({ field, reason: 'URL 中不能含用户名或密码 (no credentials in the URL)' });
  if (url.hash) errors.push({ field, reason: 'URL 中不能含片段 # (no fragment)' });
  const host = url.hostname.toLowerCase();
  const allowed = rules.allowedHosts.includes(host);
  if (!allowed)
    errors.push({
      field,
      reason: `主机 ${host.slice(0, 100)} 不在白名单 (host not allowlisted); 允许 allowed: ${rules.allowedHosts.join(', ') || '（无 none）'}`,
    });
  return errors;
}

/** At attempt time: a name that resolved to a private address is refused unless the address itself is allowlisted. */
export function resolvedAddressProblem(host: string, address: string, rules: UrlRules): string | null {
  if (!isPrivateAddress(address)) return null;
  // an allowlisted public name that resolves to a private address (DNS rebinding) is refused; only the
  // address itself, or localhost when it is listed, may be private
  if (rules.allowedHosts.includes(address) || (host === 'localhost' && rules.allowedHosts.includes(host))) return null;
  return `${host} 解析为私有地址 ${address} (resolves to a private address)`;
}
