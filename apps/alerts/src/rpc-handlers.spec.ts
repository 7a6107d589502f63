import 'reflect-metadata';
import { Rpc, rpcServiceOf, rpcSubjectsOf } from '@hn/messages';
import { rpcSubjectsOfModule } from '@hn/messaging';
import { AlertsAppModule } from './app.module';
import type { AlertsConfig } from './config/alerts.config';

describe('alerts RPC handlers', () => {
  const handled = rpcSubjectsOfModule(AlertsAppModule.register({} as AlertsConfig));

  it('handles every entry of the Rpc map it owns (rpc.alerts.*), each exactly once', () => {
    expect([...handled].sort()).toEqual(rpcSubjectsOf('alerts'));
  });

  it('handles no subject outside the Rpc map', () => {
    const known = new Set(Object.values(Rpc).map((d) => d.subject));
    expect(handled.filter((s) => !known.has(s) || rpcServiceOf(s) !== 'alerts')).toEqual([]);
  });
});
