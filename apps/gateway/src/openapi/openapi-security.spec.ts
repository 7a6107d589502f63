import 'reflect-metadata';
import { ExecutionContext, INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ALL_SCOPES, AccessTokenService, Scopes } from '@hn/auth';
import { Principal, STAFF_ROLES, StaffRole } from '@hn/messages';
import { AccessTokenGuard } from '../auth/access-token.guard';
import { AnyScopeGuard } from '../presale/any-scope.guard';
import { scopesForRole } from '../staff/staff-rules';
import { OAUTH2, SCOPE_DESCRIPTIONS, STAFF_BEARER } from './openapi-security';
import { RouteHandler, routeHandlers } from './openapi-routes';
import { createPreviewApp } from './preview-app';
import { buildOpenApiDocument } from './setup-openapi';

type Operation = { security?: Array<Record<string, string[]>>; description?: string; 'x-staff-roles'?: StaffRole[] };

/**
 * The document's `security` against the guards themselves: for every operation, the real
 * AccessTokenGuard and AnyScopeGuard run on the route's handler with principals built from what the
 * document says, so the documented scopes and roles are exactly what is enforced.
 */
describe('OpenAPI security (documented = enforced by the guards)', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;
  let routes: Map<string, RouteHandler>;
  const reflector = new Reflector();

  beforeAll(async () => {
    ({ app } = await createPreviewApp());
    doc = buildOpenApiDocument(app);
    routes = routeHandlers(app);
  });

  afterAll(() => app.close());

  const operations = (): Array<[string, RouteHandler, Operation]> =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, op]): [string, RouteHandler, Operation] => {
        const route = routes.get(`${method} ${path}`);
        if (!route) throw new Error(`no route for ${method} ${path}`);
        return [`${method.toUpperCase()} ${path}`, route, op];
      }),
    );

  /** 'pass', or the refusal's status and code, of a request by `principal` (null: no token). */
  const outcome = async (route: RouteHandler, principal: Principal | null): Promise<string> => {
    const tokens = {
      verify: (): Promise<unknown> =>
        Promise.resolve({ ok: true, principal, expiresAt: Date.now() + 60_000, version: 1 }),
    } as unknown as AccessTokenService;
    const req: Record<string, unknown> = {
      headers: principal ? { authorization: 'Bearer t0k3n' } : {},
      method: 'GET',
      id: 'c',
    };
    const context = {
      getHandler: () => route.handler,
      getClass: () => route.controller,
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => ({}) }),
    } as unknown as ExecutionContext;
    try {
      await new AccessTokenGuard(reflector, tokens).canActivate(context);
      new AnyScopeGuard(reflector).canActivate(context);
      return 'pass';
    } catch (err) {
      const problem = (err as { problem?: { status: number; code: string } }).problem;
      return problem ? `${problem.status} ${problem.code}` : `thrown ${String(err)}`;
    }
  };
  const integrator = (scopes: string[]): Principal => ({ kind: 'integrator', id: 'c1', regions: ['430000'], scopes });
  const staff = (role: StaffRole): Principal => ({
    kind: 'staff',
    id: 'u1',
    regions: ['430000'],
    scopes: scopesForRole(role),
    role,
  });

  it('describes every scope of the oauth2 client-credentials flow, token URL /api/v1/oauth/token', () => {
    const schemes = doc.components?.securitySchemes as unknown as Record<string, Record<string, unknown>>;
    const flow = (schemes[OAUTH2]?.['flows'] as Record<string, { tokenUrl: string; scopes: Record<string, string> }>)[
      'clientCredentials'
    ]!;
    expect(flow.tokenUrl).toBe('/api/v1/oauth/token');
    expect(Object.keys(flow.scopes).sort()).toEqual([...ALL_SCOPES].sort());
    for (const scope of ALL_SCOPES)
      expect(flow.scopes[scope]).toBe(SCOPE_DESCRIPTIONS[scope as keyof typeof SCOPE_DESCRIPTIONS]);
    expect(schemes[STAFF_BEARER]).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists on every operation the security the guards enforce: each alternative passes, each scope and role is needed', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(100);
    for (const [name, route, op] of ops) {
      expect(`${name}: ${Array.isArray(op.security)}`).toBe(`${name}: true`);
      const security = op.security!;
      const seen = async (who: string, principal: Principal | null): Promise<string> =>
        `${name} ${who}: ${await outcome(route, principal)}`;
      if (security.length === 0) {
        expect(await seen('no token', null)).toBe(`${name} no token: pass`);
        continue;
      }
      expect(await seen('no token', null)).toBe(`${name} no token: 401 UNAUTHORIZED`);
      const oauth = security.filter((s) => s[OAUTH2]).map((s) => s[OAUTH2]!);
      for (const scopes of oauth) {
        expect(await seen(`integrator ${scopes}`, integrator(scopes))).toBe(`${name} integrator ${scopes}: pass`);
        for (const dropped of scopes) {
          const rest = scopes.filter((s) => s !== dropped);
          // without one listed scope the call fails, unless another documented alternative still covers it
          const covered = oauth.some((alt) => alt.every((s) => rest.includes(s)));
          if (!covered) expect(await seen(`integrator ${rest}`, integrator(rest))).toMatch(/: 403 /);
        }
      }
      if (oauth.length === 0)
        expect(await seen('integrator with every scope', integrator([...ALL_SCOPES]))).toMatch(/: 403 /);
      const roles = op['x-staff-roles'] ?? [];
      expect(`${name} staff scheme: ${security.some((s) => s[STAFF_BEARER])}`).toBe(
        `${name} staff scheme: ${roles.length > 0}`,
      );
      for (const role of STAFF_ROLES) {
        if (roles.includes(role)) expect(await seen(role, staff(role))).toBe(`${name} ${role}: pass`);
        else expect(await seen(role, staff(role))).toMatch(/: 403 /);
      }
      expect(op.description).toContain('**访问 Access**');
      // a token of an unchanged one-time password: only where the description says so
      const pending: Principal = { ...staff('COUNTY'), scopes: ['password:change-required'] };
      const says = op.description!.includes('`password:change-required`');
      if (says) expect(await seen('pending password', pending)).toBe(`${name} pending password: pass`);
      else expect(await seen('pending password', pending)).toMatch(/: 403 /);
    }
  });

  it('documents the scopes of the integrator routes (examples)', () => {
    const security = (method: string, path: string): unknown =>
      (doc.paths[path] as Record<string, Operation>)[method]?.security;
    expect(security('post', '/api/v1/presale-permits')).toEqual([{ [OAUTH2]: [Scopes.presaleIssue] }]);
    expect(security('get', '/api/v1/presale-permits/{presaleNumber}')).toEqual([
      { [OAUTH2]: [Scopes.presaleIssue] },
      { [OAUTH2]: [Scopes.permitsRead] },
      { [STAFF_BEARER]: [] },
    ]);
    expect(security('put', '/api/v1/approval/construction-permits/{permitNumber}')).toEqual([
      { [OAUTH2]: [Scopes.approvalWrite] },
    ]);
    expect(security('get', '/api/v1/exchange/events')).toEqual([{ [OAUTH2]: [Scopes.exchangeRead] }]);
    expect(security('post', '/api/v1/oauth/token')).toEqual([]);
    expect(security('get', '/public/v1/verify')).toEqual([]);
  });
});
