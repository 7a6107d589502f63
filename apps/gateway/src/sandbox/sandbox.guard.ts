import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { AuthenticatedRequest } from '../auth/auth.decorators';

export const SANDBOX_SPACE = 'hn:sandboxSpace';

/**
 * The route has a sandbox space (联调测试): for a sandbox credential the owning service writes sandbox
 * rows only (approval ingest, presale and contract numbers, cancellations). Every other write route
 * refuses sandbox credentials (SandboxGuard).
 */
export const SandboxSpace = (): MethodDecorator & ClassDecorator => SetMetadata(SANDBOX_SPACE, true);

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard after AccessTokenGuard. Sandbox credentials read everything their scopes and regions
 * allow (the real construction permits are what 联调 needs), but write only where the route declares
 * a sandbox space: any other write (present or future) is 403 SANDBOX_FORBIDDEN, so a sandbox token
 * can never change a production row. Staff accounts are never sandbox; a token claiming both is refused.
 */
@Injectable()
export class SandboxGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & { method?: string }>();
    const principal = req.principal;
    if (principal?.sandbox !== true) return true;
    if (principal.kind !== 'integrator') throw forbidden('工作人员账号不能是沙箱凭据 (staff accounts are never sandbox)');
    if (READ_METHODS.has(String(req.method).toUpperCase())) return true;
    if (this.reflector.getAllAndOverride<boolean>(SANDBOX_SPACE, [context.getHandler(), context.getClass()])) return true;
    throw forbidden('沙箱（联调测试）凭据不能调用此写入接口，联调只能写入沙箱空间：施工许可推送、预售许可取号、合同备案取号与注销 (sandbox credentials cannot call this write route)');
  }
}

function forbidden(detail: string): DomainException {
  return new DomainException(403, ErrorCode.SANDBOX_FORBIDDEN, detail);
}
