import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal } from '@hn/contracts';

export const REQUIRED_SCOPES = 'hn:requiredScopes';

export { Public, IS_PUBLIC } from '@hn/auth';

/** Route needs every listed scope. */
export const RequireScopes = (...scopes: string[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES, scopes);

export interface AuthenticatedRequest {
  principal?: Principal;
  id: string;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});

export const CorrelationId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => String(ctx.switchToHttp().getRequest<AuthenticatedRequest>().id));
