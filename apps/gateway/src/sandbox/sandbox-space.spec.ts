import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Principal } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { assertSandboxAllowed, SandboxSpace } from './sandbox-space';

class Routes {
  @SandboxSpace()
  ingest(): void {}
  staffWrite(): void {}
}

const integrator: Principal = {
  kind: 'integrator',
  id: 'c1',
  regions: ['430223'],
  scopes: ['approval:write'],
  sandbox: false,
};
const sandbox: Principal = { ...integrator, id: 'sb', sandbox: true };

function contextFor(handler: keyof Routes, method: string): ExecutionContext {
  return {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => ({ method, id: 'r1' }) }),
  } as unknown as ExecutionContext;
}

describe(assertSandboxAllowed.name, () => {
  const reflector = new Reflector();
  const outcome = (handler: keyof Routes, method: string, principal: Principal): string => {
    try {
      assertSandboxAllowed(reflector, contextFor(handler, method), principal);
      return 'allowed';
    } catch (err) {
      return err instanceof DomainException ? `${err.problem.status} ${err.problem.code}` : 'other';
    }
  };

  it('lets real credentials through untouched', () => {
    expect(outcome('staffWrite', 'POST', integrator)).toBe('allowed');
  });

  it('lets sandbox credentials read anything and write only where the route has a sandbox space', () => {
    expect(outcome('staffWrite', 'GET', sandbox)).toBe('allowed');
    expect(outcome('ingest', 'PUT', sandbox)).toBe('allowed');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      expect(outcome('staffWrite', method, sandbox)).toBe('403 SANDBOX_FORBIDDEN');
  });

  it('refuses a staff token that claims to be sandbox, even on reads', () => {
    const staff: Principal = {
      kind: 'staff',
      id: 'zhang',
      regions: ['430223'],
      scopes: ['supervision:read'],
      role: 'COUNTY',
      sandbox: true,
    };
    expect(outcome('ingest', 'GET', staff)).toBe('403 SANDBOX_FORBIDDEN');
  });
});
