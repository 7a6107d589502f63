import { Controller, INestApplication, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { EmptyBodyV1, publicRpcDef, ServiceHealthV1 } from '@hn/messages';
import { CreateOutboxInbox1700000000000 } from '@hn/eventing';
import { RpcClient } from '@hn/messaging';
import { createTestDatabase, freePort, NatsServerProcess, TestDatabase, uniqueName } from '@hn/testing';
import { connect, NatsConnection } from 'nats';
import { createServiceApp } from './create-service-app';
import { ServiceKitModule } from './service-kit.module';

/**
 * A reply over the NATS server's max_payload, from ANY handler of a service started by the kit: the caller
 * gets the 413 PAYLOAD_TOO_LARGE problem at once (not a timeout), and the service keeps answering (before
 * the guard the NestJS NATS server threw MAX_PAYLOAD_EXCEEDED outside the handler and the process exited).
 */
const name = uniqueName('replies');
const subject = (op: string): string => `rpc.${name}.reply.${op}.v1`;
const healthRpc = publicRpcDef<Record<string, never>, ServiceHealthV1>(`rpc.${name}.health.v1`, EmptyBodyV1);

@Controller()
class RepliesController {
  /** `bytes` characters of text in one reply, plain or as a list of items */
  @MessagePattern(subject('sized'))
  sized(data: { bytes: number }): { text: string } {
    return { text: 'x'.repeat(data.bytes) };
  }

  @MessagePattern(subject('items'))
  async items(data: { count: number }): Promise<{ items: Array<{ projectCode: string; count: number }> }> {
    await new Promise((r) => setTimeout(r, 5));
    return { items: Array.from({ length: data.count }, (_, i) => ({ projectCode: `P-${i}`, count: i })) };
  }
}

describe('oversized RPC replies (service kit)', () => {
  let db: TestDatabase;
  let nats: NatsServerProcess;
  let app: INestApplication;
  let client: NatsConnection;
  let rpc: RpcClient;

  beforeAll(async () => {
    db = await createTestDatabase('kit_replies');
    nats = await NatsServerProcess.start();
    const port = await freePort();
    @Module({
      imports: [
        ServiceKitModule.forService({
          service: 'replies',
          config: {
            databaseUrl: db.serverUrl,
            databaseName: db.name,
            natsUrl: nats.url,
            port,
            host: '127.0.0.1',
            logLevel: 'silent',
          },
          configToken: Symbol('REPLIES_CONFIG'),
          migrations: [CreateOutboxInbox1700000000000],
          eventSource: '/hn/replies',
          streams: [],
          health: { rpc: healthRpc },
        }),
      ],
      controllers: [RepliesController],
    })
    class RepliesAppModule {}
    app = await createServiceApp(
      { module: RepliesAppModule },
      { service: `replies-${name}`, natsUrl: nats.url, port, host: '127.0.0.1' },
    );
    client = await connect({ servers: nats.url, name: 'replies-test-client' });
    rpc = new RpcClient(client, { timeoutMs: 5000 });
  });

  afterAll(async () => {
    await app?.close();
    await client?.close();
    await nats?.destroy();
    await db?.drop();
  });

  it('answers 413 PAYLOAD_TOO_LARGE for a reply over max_payload, at once, and keeps answering', async () => {
    const max = client.info!.max_payload;
    expect(max).toBe(1024 * 1024); // nats-server's default, read from the connection as the kit does

    // just under the limit still travels (the old per-handler guard refused anything over 900 KiB)
    const near = await rpc.request<{ text: string }>(subject('sized'), { bytes: max - 200 });
    expect(near.text.length).toBe(max - 200);

    for (const [op, data] of [
      ['sized', { bytes: max + 1 }],
      ['items', { count: 60_000 }], // ≈ 2 MB of per-project counts, like a province's recount
    ] as const) {
      const started = Date.now();
      const refused = await rpc.request(subject(op), data).then(
        () => null,
        (err: { problem?: { status: number; code: string; detail: string } }) => err.problem,
      );
      expect(Date.now() - started).toBeLessThan(4000); // an answer, not the 5 s timeout
      expect(refused).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
      expect(refused!.detail).toContain(`超过 NATS 单条消息上限 ${max} 字节`);
      expect(refused!.detail).toContain(`exceeds the NATS max payload of ${max} bytes`);
    }

    // the service is still up: small replies and its health answer
    expect(await rpc.request<{ text: string }>(subject('sized'), { bytes: 3 })).toEqual({ text: 'xxx' });
    expect(await rpc.callPublic(healthRpc, {})).toMatchObject({ status: 'ok' });
    const refusedAgain = await rpc.request(subject('sized'), { bytes: 2 * max }).catch((e: unknown) => e);
    expect(refusedAgain).toMatchObject({ problem: { status: 413 } });
  });
});
