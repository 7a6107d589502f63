import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, StaffRole } from '@hn/messages';

export const REQUIRED_SCOPES = 'hn:requiredScopes';
export const REQUIRED_ROLES = 'hn:requiredRoles';
/** Stable problem code when a route needs a staff role the caller does not have. */
export const ROLE_FORBIDDEN = 'ROLE_FORBIDDEN';

export { Public, IS_PUBLIC } from '@hn/auth';

export const ALLOW_PASSWORD_CHANGE_PENDING = 'hn:allowPasswordChangePending';

/**
 * The one kind of route a token with only `password:change-required` may call (the change-password
 * route); every other route answers 403 PASSWORD_CHANGE_REQUIRED to such a token.
 */
export const AllowPasswordChangePending = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ALLOW_PASSWORD_CHANGE_PENDING, true);

/** Route needs every listed scope. */
export const RequireScopes = (...scopes: string[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPES, scopes);

/**
 * Route for staff with one of the listed roles only (403 ROLE_FORBIDDEN otherwise, also for
 * integrator credentials, which have no role). Method-level metadata overrides class-level.
 */
export const RequireRoles = (...roles: StaffRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

export interface AuthenticatedRequest {
  principal?: Principal;
  /** how the request authenticated: the token, its expiry (epoch ms), Authorization header or session cookie */
  credential?: { token: string; expiresAt: number; via: 'bearer' | 'cookie' };
  id: string;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});

export const CorrelationId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string =>
  String(ctx.switchToHttp().getRequest<AuthenticatedRequest>().id),
);
