import 'reflect-metadata';
import { Rpc, rpcServiceOf, rpcSubjectsOf } from '@hn/messages';
import { rpcSubjectsOfModule } from '@hn/messaging';
import { PermitsAppModule } from './app.module';
import type { PermitsConfig } from './config/permits.config';

describe('permits RPC handlers', () => {
  const handled = rpcSubjectsOfModule(PermitsAppModule.register({} as PermitsConfig));

  it('handles every entry of the Rpc map it owns (rpc.permits.*), each exactly once', () => {
    expect([...handled].sort()).toEqual(rpcSubjectsOf('permits'));
  });

  it('handles no subject outside the Rpc map', () => {
    const known = new Set(Object.values(Rpc).map((d) => d.subject));
    expect(handled.filter((s) => !known.has(s) || rpcServiceOf(s) !== 'permits')).toEqual([]);
  });
});
