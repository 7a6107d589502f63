import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Principal } from '@hn/contracts';
import { DomainException } from '@hn/errors';
import { SandboxGuard, SandboxSpace } from './sandbox.guard';

class Routes {
  @SandboxSpace()
  ingest(): void {}
  staffWrite(): void {}
}

const integrator: Principal = { kind: 'integrator', id: 'c1', regions: ['430223'], scopes: ['approval:write'], sandbox: false };
const sandbox: Principal = { ...integrator, id: 'sb', sandbox: true };

function contextFor(handler: keyof Routes, method: string, principal?: Principal): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ method, principal, id: 'r1' }) }),
  } as unknown as ExecutionContext;
}

describe(SandboxGuard.name, () => {
  const guard = new SandboxGuard(new Reflector());
  const codeOf = (fn: () => unknown): string | null => {
    try {
      fn();
      return null;
    } catch (err) {
      return err instanceof DomainException ? `${err.problem.status} ${err.problem.code}` : 'other';
    }
  };

  it('lets real credentials and public routes through untouched', () => {
    expect(guard.canActivate(contextFor('staffWrite', 'POST', integrator))).toBe(true);
    expect(guard.canActivate(contextFor('staffWrite', 'POST', undefined))).toBe(true);
  });

  it('lets sandbox credentials read anything and write only where the route has a sandbox space', () => {
    expect(guard.canActivate(contextFor('staffWrite', 'GET', sandbox))).toBe(true);
    expect(guard.canActivate(contextFor('ingest', 'PUT', sandbox))).toBe(true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(codeOf(() => guard.canActivate(contextFor('staffWrite', method, sandbox)))).toBe('403 SANDBOX_FORBIDDEN');
  });

  it('refuses a staff token that claims to be sandbox, even on reads', () => {
    const staff: Principal = { kind: 'staff', id: 'zhang', regions: ['430223'], scopes: ['supervision:read'], role: 'COUNTY', sandbox: true };
    expect(codeOf(() => guard.canActivate(contextFor('ingest', 'GET', staff)))).toBe('403 SANDBOX_FORBIDDEN');
  });
});
