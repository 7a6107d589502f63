import {
  Controller,
  INestApplication,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { EmptyBodyV1, publicRpcDef, ServiceHealthV1 } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { createServiceApp } from './create-service-app';
import { NATS_RECONNECT_FOREVER, RpcClient } from '@hn/messaging';
import { createTestDatabase, freePort, NatsServerProcess, TestDatabase, uniqueName, waitFor } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { CreateOutboxInbox1700000000000, enqueueEvent, IdempotentConsumer, InjectNats } from '@hn/eventing';
import { ServiceKitModule } from './service-kit.module';

/**
 * A service built like the apps (createServiceApp + ServiceKitModule) against its
 * own nats-server, which is stopped for longer than a client with a reconnect limit would last
 * (10 attempts × ½ s) and started again on the same JetStream store: request/reply, the outbox
 * relay, the durable consumer and /health all come back by themselves.
 */
const OUTAGE_MS = 10_000;
const stream = uniqueName('outage');
const subject = `hnt.${stream}.widget.created.v1`;
const rpcSubject = `rpc.${stream}.widget.create.v1`;
const healthRpc = publicRpcDef<Record<string, never>, ServiceHealthV1>(`rpc.${stream}.health.v1`, EmptyBodyV1);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

class CreateWidget1700000000100 implements MigrationInterface {
  name = 'CreateWidget1700000000100';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE widget (name text PRIMARY KEY)`);
    await queryRunner.query(`CREATE TABLE handled (event_id uuid PRIMARY KEY)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE handled`);
    await queryRunner.query(`DROP TABLE widget`);
  }
}

@Controller()
class WidgetController {
  constructor(private readonly dataSource: DataSource) {}

  @MessagePattern(rpcSubject)
  create(data: { name: string }): Promise<{ eventId: string }> {
    // the kit's global filter turns a DomainException into its problem reply (no @UseFilters here)
    if (data.name === 'taken') throw new DomainException(409, 'WIDGET_TAKEN', '名称已存在 (name taken)');
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO widget (name) VALUES ($1)`, [data.name]);
      const event = await enqueueEvent(manager, { source: '/hn/widgets', type: subject, subject: data.name, data });
      return { eventId: event.id };
    });
  }
}

/** A replica-style consumer of the service's own stream (what presale/contracts/escrow run). */
@Injectable()
class WidgetConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  readonly consumer = new IdempotentConsumer();
  constructor(
    private readonly dataSource: DataSource,
    @InjectNats() private readonly nats: NatsConnection,
  ) {}
  onApplicationBootstrap(): Promise<void> {
    return this.consumer.start({
      natsConnection: this.nats,
      dataSource: this.dataSource,
      stream,
      durable: 'widgets',
      handler: async (event, manager) => {
        await manager.query(`INSERT INTO handled (event_id) VALUES ($1)`, [event.id]);
      },
    });
  }
  onModuleDestroy(): Promise<void> {
    return this.consumer.stop();
  }
}

describe('NATS outage (service kit)', () => {
  let db: TestDatabase;
  let nats: NatsServerProcess;
  let app: INestApplication;
  let client: NatsConnection;
  let rpc: RpcClient;
  let port: number;

  const health = async (): Promise<{
    status: number;
    body: {
      details?: Record<string, { status: string; message?: string }>;
      error?: Record<string, { status: string }>;
    };
  }> => {
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    return { status: res.status, body: (await res.json()) as never };
  };
  const count = async (sql: string): Promise<number> =>
    ((await app.get(DataSource).query(sql)) as Array<{ n: number }>)[0]!.n;

  beforeAll(async () => {
    db = await createTestDatabase('persist_outage');
    nats = await NatsServerProcess.start();
    port = await freePort();
    @Module({
      imports: [
        ServiceKitModule.forService({
          service: 'widgets',
          config: {
            databaseUrl: db.serverUrl,
            databaseName: db.name,
            natsUrl: nats.url,
            port,
            host: '127.0.0.1',
            logLevel: 'silent',
          },
          configToken: Symbol('WIDGETS_CONFIG'),
          migrations: [CreateOutboxInbox1700000000000, CreateWidget1700000000100],
          eventSource: '/hn/widgets',
          streams: [{ name: stream, subjects: [`hnt.${stream}.>`] }],
          health: { rpc: healthRpc },
        }),
      ],
      controllers: [WidgetController],
      providers: [WidgetConsumer],
    })
    class WidgetsAppModule {}
    app = await createServiceApp(
      { module: WidgetsAppModule },
      { service: `widgets-${stream}`, natsUrl: nats.url, port, host: '127.0.0.1' },
    );
    client = await connect({ servers: nats.url, name: 'outage-test-client', ...NATS_RECONNECT_FOREVER });
    rpc = new RpcClient(client, { timeoutMs: 2000 });
  });

  afterAll(async () => {
    await app?.close();
    await client?.close();
    await nats?.destroy();
    await db?.drop();
  });

  it(`answers again within 5 s after a ${OUTAGE_MS / 1000} s outage, then relays and consumes every event; /health reports each connection`, async () => {
    for (const name of ['a1', 'a2', 'a3']) await rpc.request(rpcSubject, { name });
    await expect(rpc.request(rpcSubject, { name: 'taken' })).rejects.toMatchObject({
      problem: { status: 409, code: 'WIDGET_TAKEN' },
    });
    const before = await health();
    expect(before.status).toBe(200);
    expect(Object.keys(before.body.details ?? {}).sort()).toEqual(['database', 'nats', 'nats-rpc']);
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM handled`)) === 3, {
      description: 'consumed before the outage',
    });

    await nats.stop();
    const stoppedAt = Date.now();
    // Once the client has noticed (socket closed), it fails fast; /health says which connections are down.
    await waitFor(() => !rpc.connection.isConnected, { timeoutMs: 3000, description: 'client notices the outage' });
    const started = Date.now();
    await expect(rpc.request(rpcSubject, { name: 'lost' })).rejects.toMatchObject({
      problem: { status: 503, code: 'SERVICE_UNAVAILABLE' },
    });
    expect(Date.now() - started).toBeLessThan(500);
    await waitFor(async () => (await health()).status === 503, {
      timeoutMs: 3000,
      description: '/health 503 during the outage',
    });
    const during = await health();
    expect(during.body.error?.['nats-rpc']?.status).toBe('down');
    expect(during.body.error?.['nats']?.status).toBe('down');
    expect(during.body.details?.['database']?.status).toBe('up');
    // A write that committed while NATS is away (its event waits in the outbox).
    await app
      .get(DataSource)
      .transaction((manager) =>
        enqueueEvent(manager, { source: '/hn/widgets', type: subject, subject: 'during', data: { name: 'during' } }),
      );
    await sleep(OUTAGE_MS - (Date.now() - stoppedAt));

    await nats.restart();
    const backAt = Date.now();
    let recoveredMs = -1;
    while (Date.now() - backAt < 10_000) {
      try {
        await rpc.request(rpcSubject, { name: 'after' });
        recoveredMs = Date.now() - backAt;
        break;
      } catch {
        await sleep(100);
      }
    }
    console.log(
      `NATS outage ${OUTAGE_MS} ms: request/reply answered again ${recoveredMs} ms after nats-server was back`,
    );
    expect(recoveredMs).toBeGreaterThanOrEqual(0);
    expect(recoveredMs).toBeLessThan(5000);
    await waitFor(async () => (await health()).status === 200, {
      timeoutMs: 5000,
      description: '/health 200 after the outage',
    });
    // Every outbox row published (the stream survived the restart) and every event consumed once. No
    // 5 s bound here: publishes sent while JetStream is still electing its stream leader wait for their
    // ack timeout (5 s) before the relay retries; nothing is lost either way.
    await waitFor(
      async () => (await count(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`)) === 0,
      { timeoutMs: 15_000, description: 'outbox drained' },
    );
    const jsm = await client.jetstreamManager();
    expect((await jsm.streams.info(stream)).state.messages).toBe(5);
    await waitFor(async () => (await count(`SELECT count(*)::int AS n FROM handled`)) === 5, {
      timeoutMs: 10_000,
      description: 'consumer resumed after the outage',
    });
    expect(await count(`SELECT count(*)::int AS n FROM handled h JOIN outbox_event o ON o.id = h.event_id`)).toBe(5);
  });
});
