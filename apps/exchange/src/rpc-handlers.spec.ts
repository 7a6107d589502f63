import 'reflect-metadata';
import { Rpc, rpcServiceOf, rpcSubjectsOf } from '@hn/messages';
import { rpcSubjectsOfModule } from '@hn/messaging';
import { ExchangeAppModule } from './app.module';
import type { ExchangeConfig } from './config/exchange.config';

describe('exchange RPC handlers', () => {
  const handled = rpcSubjectsOfModule(ExchangeAppModule.register({} as ExchangeConfig));

  it('handles every entry of the Rpc map it owns (rpc.exchange.*), each exactly once', () => {
    expect([...handled].sort()).toEqual(rpcSubjectsOf('exchange'));
  });

  it('handles no subject outside the Rpc map', () => {
    const known = new Set(Object.values(Rpc).map((d) => d.subject));
    expect(handled.filter((s) => !known.has(s) || rpcServiceOf(s) !== 'exchange')).toEqual([]);
  });
});
