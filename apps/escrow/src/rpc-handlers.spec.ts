import 'reflect-metadata';
import { Rpc, rpcServiceOf, rpcSubjectsOf } from '@hn/messages';
import { rpcSubjectsOfModule } from '@hn/messaging';
import { EscrowAppModule } from './app.module';
import type { EscrowConfig } from './config/escrow.config';

describe('escrow RPC handlers', () => {
  const handled = rpcSubjectsOfModule(EscrowAppModule.register({} as EscrowConfig));

  it('handles every entry of the Rpc map it owns (rpc.escrow.*), each exactly once', () => {
    expect([...handled].sort()).toEqual(rpcSubjectsOf('escrow'));
  });

  it('handles no subject outside the Rpc map', () => {
    const known = new Set(Object.values(Rpc).map((d) => d.subject));
    expect(handled.filter((s) => !known.has(s) || rpcServiceOf(s) !== 'escrow')).toEqual([]);
  });
});
