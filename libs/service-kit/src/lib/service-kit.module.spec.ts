import 'reflect-metadata';
import { DynamicModule } from '@nestjs/common';
import { EmptyBodyV1, publicRpcDef, ServiceHealthV1 } from '@hn/messages';
import { EVENT_SOURCE, EventingModule, outboxEntities } from '@hn/eventing';
import { rpcSubjectsOfModule } from '@hn/messaging';
import { PERSISTENCE_OPTIONS, PersistenceModule, PersistenceModuleOptions } from '@hn/persistence';
import { ServiceKitModule } from './service-kit.module';

class Widget {}
const TOKEN = Symbol('WIDGETS_CONFIG');
const config = {
  databaseUrl: 'postgres://db/postgres',
  databaseName: 'hn_widgets',
  natsUrl: 'nats://n:4222',
  port: 0,
  host: '127.0.0.1',
  logLevel: 'info' as const,
};
const health = publicRpcDef<Record<string, never>, ServiceHealthV1>('rpc.widgets.health.v1', EmptyBodyV1);

function provider(
  module: DynamicModule,
  of: typeof PersistenceModule | typeof EventingModule,
  token: unknown,
): unknown {
  const imported = (module.imports as DynamicModule[]).find((m) => m.module === of)!;
  return (imported.providers as Array<{ provide: unknown; useValue?: unknown }>).find((p) => p.provide === token)
    ?.useValue;
}

describe(ServiceKitModule.name, () => {
  const kit = ServiceKitModule.forService({
    service: 'widgets',
    config,
    configToken: TOKEN,
    migrations: [],
    entities: [Widget],
    streams: [],
    health: { rpc: health },
  });

  it('gives the DataSource the outbox/inbox entities besides the service own, on the database of the validated config', () => {
    const options = provider(kit, PersistenceModule, PERSISTENCE_OPTIONS) as PersistenceModuleOptions;
    expect(options).toMatchObject({
      serviceName: 'widgets',
      database: 'hn_widgets',
      serverUrl: 'postgres://db/postgres',
    });
    expect(options.entities).toEqual([...outboxEntities, Widget]);
  });

  it('defaults the event source to /hn/<service> and provides the config, frozen, under its token', () => {
    expect(provider(kit, EventingModule, EVENT_SOURCE)).toBe('/hn/widgets');
    const configModule = (kit.imports as DynamicModule[]).find((m) => (m.exports ?? []).includes(TOKEN))!;
    const value = (configModule.providers as Array<{ useValue: unknown }>)[0]!.useValue;
    expect(value).toEqual(config);
    expect(Object.isFrozen(value)).toBe(true);
  });

  it('answers the service health entry over NATS (the /health controller)', () => {
    expect(rpcSubjectsOfModule(kit)).toEqual(['rpc.widgets.health.v1']);
  });
});
