import 'reflect-metadata';
import { Rpc, rpcServiceOf, rpcSubjectsOf } from '@hn/messages';
import { rpcSubjectsOfModule } from '@hn/messaging';
import { ContractsAppModule } from './app.module';
import type { ContractsConfig } from './config/contracts.config';

describe('contracts RPC handlers', () => {
  const handled = rpcSubjectsOfModule(ContractsAppModule.register({} as ContractsConfig));

  it('handles every entry of the Rpc map it owns (rpc.contracts.*), each exactly once', () => {
    expect([...handled].sort()).toEqual(rpcSubjectsOf('contracts'));
  });

  it('handles no subject outside the Rpc map', () => {
    const known = new Set(Object.values(Rpc).map((d) => d.subject));
    expect(handled.filter((s) => !known.has(s) || rpcServiceOf(s) !== 'contracts')).toEqual([]);
  });
});
