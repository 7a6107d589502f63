import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, Principal } from '@hn/messages';
import { DomainException } from '@hn/errors';

export const SANDBOX_SPACE = 'hn:sandboxSpace';

/**
 * The route has a sandbox space (联调测试): for a sandbox credential the owning service writes sandbox
 * rows only (approval ingest, presale and contract numbers, cancellations). Every other write route
 * refuses sandbox credentials (assertSandboxAllowed).
 */
export const SandboxSpace = (): MethodDecorator & ClassDecorator => SetMetadata(SANDBOX_SPACE, true);

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Called by the access-token guard as soon as the token is verified, before roles and scopes.
 * Sandbox credentials read everything their scopes and regions allow (the real construction permits
 * are what 联调 needs), but write only where the route declares a sandbox space: any other write
 * (present or future) is 403 SANDBOX_FORBIDDEN, so a sandbox token never reaches a handler that could
 * change a production row. Staff accounts are never sandbox; a token claiming both is refused.
 */
export function assertSandboxAllowed(reflector: Reflector, context: ExecutionContext, principal: Principal): void {
  if (principal.sandbox !== true) return;
  if (principal.kind !== 'integrator') throw forbidden('工作人员账号不能是沙箱凭据 (staff accounts are never sandbox)');
  const method = String(context.switchToHttp().getRequest<{ method?: string }>().method).toUpperCase();
  if (READ_METHODS.has(method)) return;
  if (reflector.getAllAndOverride<boolean>(SANDBOX_SPACE, [context.getHandler(), context.getClass()])) return;
  throw forbidden(
    '沙箱（联调测试）凭据不能调用此写入接口，联调只能写入沙箱空间：施工许可推送、预售许可取号、合同备案取号与注销 (sandbox credentials cannot call this write route)',
  );
}

function forbidden(detail: string): DomainException {
  return new DomainException(403, ErrorCode.SANDBOX_FORBIDDEN, detail);
}
