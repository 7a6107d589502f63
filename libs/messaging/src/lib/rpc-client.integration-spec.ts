import { connect, NatsConnection } from 'nats';
import { DomainException } from '@hn/errors';
import { randomUUID } from 'node:crypto';
import { RpcClient } from './rpc-client';

describe(RpcClient.name, () => {
  let nc: NatsConnection;
  beforeAll(async () => {
    nc = await connect({ servers: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222' });
  });
  afterAll(async () => {
    await nc.close();
  });

  it('fails fast with 503 when no service is subscribed', async () => {
    const client = new RpcClient(nc, { timeoutMs: 5000 });
    const started = Date.now();
    await expect(client.request(`rpc.nobody-${randomUUID()}.get.v1`, {})).rejects.toMatchObject({ problem: { status: 503, code: 'SERVICE_UNAVAILABLE' } });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails with 503 after the timeout when a service does not answer', async () => {
    const subject = `rpc.silent-${randomUUID()}.get.v1`;
    const sub = nc.subscribe(subject); // subscribed, never replies
    const client = new RpcClient(nc, { timeoutMs: 300 });
    await expect(client.request(subject, {})).rejects.toBeInstanceOf(DomainException);
    sub.unsubscribe();
  });

  it('a per-call timeout overrides the client default, both shorter and longer', async () => {
    const subject = `rpc.slow-${randomUUID()}.v1`;
    const sub = nc.subscribe(subject, {
      callback: (_err, msg) => {
        const packet = JSON.parse(new TextDecoder().decode(msg.data)) as { id: string };
        setTimeout(() => msg.respond(new TextEncoder().encode(JSON.stringify({ id: packet.id, response: { ok: true }, isDisposed: true }))), 400);
      },
    });
    const client = new RpcClient(nc, { timeoutMs: 150 });
    await expect(client.request(subject, {})).rejects.toMatchObject({ problem: { status: 503 } });
    await expect(client.request(subject, {}, undefined, { timeoutMs: 3000 })).resolves.toEqual({ ok: true });
    const patient = new RpcClient(nc, { timeoutMs: 3000 });
    await expect(patient.request(subject, {}, undefined, { timeoutMs: 150 })).rejects.toMatchObject({ problem: { status: 503 } });
    sub.unsubscribe();
  });

  it('returns the response and rethrows a service problem as DomainException', async () => {
    const subject = `rpc.echo-${randomUUID()}.v1`;
    const sub = nc.subscribe(subject, {
      callback: (_err, msg) => {
        const packet = JSON.parse(new TextDecoder().decode(msg.data)) as { data: { fail?: boolean; v: number }; id: string };
        const reply = packet.data.fail
          ? { id: packet.id, err: { status: 404, code: 'PERMIT_NOT_FOUND', title: 'x', detail: 'not found' }, isDisposed: true }
          : { id: packet.id, response: { doubled: packet.data.v * 2 }, isDisposed: true };
        msg.respond(new TextEncoder().encode(JSON.stringify(reply)));
      },
    });
    const client = new RpcClient(nc, { timeoutMs: 1000 });
    await expect(client.request(subject, { v: 21 })).resolves.toEqual({ doubled: 42 });
    await expect(client.request(subject, { v: 1, fail: true })).rejects.toMatchObject({ problem: { status: 404, code: 'PERMIT_NOT_FOUND' } });
    sub.unsubscribe();
  });
});
