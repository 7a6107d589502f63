import { Principal } from '@hn/messages';

/**
 * Which budget a request draws from. One budget per integrator credential (or staff account)
 * across every route; unauthenticated requests per client IP, the token route apart from the
 * public routes; a route with its own @Throttle limit (staff login) keeps a budget of its own.
 */
export interface Budget {
  /** the policy name in RateLimit-Policy / RateLimit */
  policy: 'credential' | 'staff' | 'public-ip' | 'token-ip' | 'route-ip';
  /** the storage key: one counter per key */
  key: string;
}

export const TOKEN_ROUTE = '/api/v1/oauth/token';

export function budgetOf(
  principal: Principal | undefined,
  ip: string,
  routeUrl: string,
  ownRoute: string | null,
): Budget {
  if (ownRoute) return { policy: 'route-ip', key: `route:${ownRoute}:ip:${ip}` };
  if (principal)
    return principal.kind === 'integrator'
      ? { policy: 'credential', key: `integrator:${principal.id}` }
      : { policy: 'staff', key: `${principal.kind}:${principal.id}` };
  return routeUrl === TOKEN_ROUTE
    ? { policy: 'token-ip', key: `token:ip:${ip}` }
    : { policy: 'public-ip', key: `ip:${ip}` };
}
