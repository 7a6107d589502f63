import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { connectNats, createTestDatabase, deleteStreamIfExists, TestDatabase, uniqueName, waitFor } from '@hn/testing';
import { JetStreamManager, NatsConnection } from 'nats';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { CreateOutboxInbox1700000000000 } from './create-outbox-inbox-1700000000000';
import { enqueueEvent } from './enqueue-event';
import { InjectEventSource, InjectNats } from './nats-connection.token';
import { DEFAULT_NATS_URL, PersistenceModule } from '@hn/persistence';
import { OutboxRelay } from './outbox-relay';
import { EventingModule } from './eventing.module';
import { outboxEntities } from './outbox-entities';

class CreateWidget1700000000100 implements MigrationInterface {
  name = 'CreateWidget1700000000100';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE widget (id serial PRIMARY KEY, name text NOT NULL)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE widget`);
  }
}

/** A feature service the way apps write them: DataSource by class, NATS and source by decorator. */
@Injectable()
class WidgetService {
  constructor(
    readonly dataSource: DataSource,
    @InjectNats() readonly nats: NatsConnection,
    @InjectEventSource() readonly source: string,
  ) {}

  create(name: string, subject: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO widget (name) VALUES ($1)`, [name]);
      const event = await enqueueEvent(manager, { source: this.source, type: subject, subject: name, data: { name } });
      return event.id;
    });
  }
}

@Module({ providers: [WidgetService] })
class WidgetModule {}

describe(EventingModule.name, () => {
  let db: TestDatabase;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const stream = uniqueName('module');
  const subject = `hnt.${stream}.widget.created.v1`;
  let apps: INestApplicationContext[] = [];

  function createApp(): Promise<INestApplicationContext> {
    return NestFactory.createApplicationContext(
      {
        module: class TestAppModule {},
        imports: [
          PersistenceModule.forService({
            serviceName: 'widgets',
            serverUrl: db.serverUrl,
            database: db.name,
            entities: outboxEntities,
            migrations: [CreateOutboxInbox1700000000000, CreateWidget1700000000100],
          }),
          EventingModule.forService({
            serviceName: 'widgets',
            natsUrl: process.env['NATS_URL'] || DEFAULT_NATS_URL,
            eventSource: '/hn/widgets',
            streams: [{ name: stream, subjects: [`hnt.${stream}.>`] }],
            relay: { pollIntervalMs: 60_000 },
          }),
          WidgetModule,
        ],
      },
      { logger: false },
    );
  }

  beforeAll(async () => {
    db = await createTestDatabase('persist_module');
    await db.drop(); // the module must create its database itself
    nc = await connectNats();
    jsm = await nc.jetstreamManager();
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await deleteStreamIfExists(jsm, stream);
    await nc.drain();
    await db.drop();
  });

  it('creates and migrates the database, ensures the streams and relays outbox events', async () => {
    // Two replicas booting at once: one creates the database, one migrates, both serve.
    apps = await Promise.all([createApp(), createApp()]);
    const [app] = apps;
    const widgets = app!.get(WidgetService);
    expect(widgets.source).toBe('/hn/widgets');
    expect(widgets.nats.isClosed()).toBe(false);
    expect(await widgets.dataSource.query(`SELECT name FROM migrations ORDER BY id`)).toEqual([
      { name: 'CreateOutboxInbox1700000000000' },
      { name: 'CreateWidget1700000000100' },
    ]);
    expect((await jsm.streams.info(stream)).config.subjects).toEqual([`hnt.${stream}.>`]);

    const id = await widgets.create('w1', subject);
    // Polling is off: the replicas' relays are woken by NOTIFY.
    await waitFor(async () => (await jsm.streams.info(stream)).state.messages === 1, {
      timeoutMs: 2000,
      description: 'event on the stream',
    });
    const stored = await jsm.streams.getMessage(stream, { seq: (await jsm.streams.info(stream)).state.last_seq });
    expect(stored.header.get('Nats-Msg-Id')).toBe(id);
    await waitFor(async () => (await app!.get(OutboxRelay).pendingCount()) === 0);
  });

  it('stops the relay and closes NATS and the pool on shutdown', async () => {
    const [app] = apps;
    const relay = app!.get(OutboxRelay);
    const dataSource = app!.get(DataSource);
    const nats = app!.get(WidgetService).nats;
    await app!.close();
    apps = apps.slice(1);
    expect(relay.isRunning).toBe(false);
    expect(nats.isClosed()).toBe(true);
    expect(dataSource.isInitialized).toBe(false);
  });
});
