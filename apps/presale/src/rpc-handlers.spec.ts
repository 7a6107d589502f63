import 'reflect-metadata';
import { Rpc, rpcServiceOf, rpcSubjectsOf } from '@hn/messages';
import { rpcSubjectsOfModule } from '@hn/messaging';
import { PresaleAppModule } from './app.module';
import type { PresaleConfig } from './config/presale.config';

describe('presale RPC handlers', () => {
  const handled = rpcSubjectsOfModule(PresaleAppModule.register({} as PresaleConfig));

  it('handles every entry of the Rpc map it owns (rpc.presale.*), each exactly once', () => {
    expect([...handled].sort()).toEqual(rpcSubjectsOf('presale'));
  });

  it('handles no subject outside the Rpc map', () => {
    const known = new Set(Object.values(Rpc).map((d) => d.subject));
    expect(handled.filter((s) => !known.has(s) || rpcServiceOf(s) !== 'presale')).toEqual([]);
  });
});
