import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { AuthenticatedRequest } from '../auth/auth.decorators';

export const ANY_OF_SCOPES = 'hn:anyOfScopes';

/** Route-level guard (after the global token guard): the caller needs at least one of the scopes. */
@Injectable()
export class AnyScopeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const wanted =
      this.reflector.getAllAndOverride<string[]>(ANY_OF_SCOPES, [context.getHandler(), context.getClass()]) ?? [];
    if (wanted.length === 0) return true;
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (principal && wanted.some((s) => principal.scopes.includes(s))) return true;
    throw new DomainException(
      403,
      ErrorCode.SCOPE_FORBIDDEN,
      `凭据须具备以下权限范围之一：${wanted.join(' 或 ')} (missing scope: one of ${wanted.join(', ')})`,
    );
  }
}

/** Route needs at least one of the listed scopes (RequireScopes needs all of them). */
export const RequireAnyScope = (...scopes: string[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ANY_OF_SCOPES, scopes), UseGuards(AnyScopeGuard));
