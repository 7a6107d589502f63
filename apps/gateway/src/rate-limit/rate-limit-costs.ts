/**
 * Quota units a request costs (RateLimit-Policy qu="request" would be 1 each): expensive routes
 * cost more so one credential's budget reflects the load it causes. Keys are `METHOD route`
 * with the route as declared (Fastify's routeOptions.url). Every other route costs 1.
 * Documented in docs/integration-guide.md (限流 Rate limits); keep both in step.
 */
export const ROUTE_COSTS: Readonly<Record<string, number>> = {
  // issuance: a serial, a signed chain token and a transparency-log entry
  'POST /api/v1/presale-permits': 5,
  // a rendered PDF
  'GET /api/v1/presale-permits/:presaleNumber/print-layout.pdf': 5,
  // exports read whole result sets
  'GET /api/v1/statistics/projects/export': 10,
  'GET /api/v1/supervision/alerts/export': 10,
};

export function costOf(method: string, routeUrl: string): number {
  return ROUTE_COSTS[`${method.toUpperCase()} ${routeUrl}`] ?? 1;
}
