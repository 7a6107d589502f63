import { connect, NatsConnection } from 'nats';
import { Principal, publicRpcDef, rpcDef } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { randomUUID } from 'node:crypto';
import { RpcClient } from './rpc-client';

/** the body of the test contracts (a request class is only metadata to the client) */
class NumberBody {
  n!: number;
}

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
    await expect(client.request(`rpc.nobody-${randomUUID()}.get.v1`, {})).rejects.toMatchObject({
      problem: { status: 503, code: 'SERVICE_UNAVAILABLE' },
    });
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
        setTimeout(
          () =>
            msg.respond(
              new TextEncoder().encode(JSON.stringify({ id: packet.id, response: { ok: true }, isDisposed: true })),
            ),
          400,
        );
      },
    });
    const client = new RpcClient(nc, { timeoutMs: 150 });
    await expect(client.request(subject, {})).rejects.toMatchObject({ problem: { status: 503 } });
    await expect(client.request(subject, {}, undefined, { timeoutMs: 3000 })).resolves.toEqual({ ok: true });
    const patient = new RpcClient(nc, { timeoutMs: 3000 });
    await expect(patient.request(subject, {}, undefined, { timeoutMs: 150 })).rejects.toMatchObject({
      problem: { status: 503 },
    });
    sub.unsubscribe();
  });

  it('returns the response and rethrows a service problem as DomainException', async () => {
    const subject = `rpc.echo-${randomUUID()}.v1`;
    const sub = nc.subscribe(subject, {
      callback: (_err, msg) => {
        const packet = JSON.parse(new TextDecoder().decode(msg.data)) as {
          data: { fail?: boolean; v: number };
          id: string;
        };
        const reply = packet.data.fail
          ? {
              id: packet.id,
              err: { status: 404, code: 'PERMIT_NOT_FOUND', title: 'x', detail: 'not found' },
              isDisposed: true,
            }
          : { id: packet.id, response: { doubled: packet.data.v * 2 }, isDisposed: true };
        msg.respond(new TextEncoder().encode(JSON.stringify(reply)));
      },
    });
    const client = new RpcClient(nc, { timeoutMs: 1000 });
    await expect(client.request(subject, { v: 21 })).resolves.toEqual({ doubled: 42 });
    await expect(client.request(subject, { v: 1, fail: true })).rejects.toMatchObject({
      problem: { status: 404, code: 'PERMIT_NOT_FOUND' },
    });
    sub.unsubscribe();
  });

  it('call() sends {principal, body} of a map contract with the correlation id; callPublic() sends the body itself', async () => {
    const subject = `rpc.echo-${randomUUID()}.v1`;
    const seen: Array<{ data: unknown; cid: string | undefined }> = [];
    const sub = nc.subscribe(subject, {
      callback: (_err, msg) => {
        const packet = JSON.parse(new TextDecoder().decode(msg.data)) as { data: unknown; id: string };
        seen.push({ data: packet.data, cid: msg.headers?.get('x-correlation-id') || undefined });
        msg.respond(
          new TextEncoder().encode(JSON.stringify({ id: packet.id, response: { ok: true }, isDisposed: true })),
        );
      },
    });
    const client = new RpcClient(nc, { timeoutMs: 1000 });
    const principal: Principal = { kind: 'integrator', id: 'c1', regions: ['430223'], scopes: ['permits:read'] };
    await expect(
      client.call(rpcDef<{ n: number }, { ok: boolean }>(subject, NumberBody), principal, { n: 1 }, 'cid-1'),
    ).resolves.toEqual({ ok: true });
    await expect(
      client.callPublic(publicRpcDef<{ n: number }, { ok: boolean }>(subject, NumberBody), { n: 2 }, 'cid-2', {
        timeoutMs: 500,
      }),
    ).resolves.toEqual({ ok: true });
    expect(seen).toEqual([
      { data: { principal, body: { n: 1 } }, cid: 'cid-1' },
      { data: { n: 2 }, cid: 'cid-2' },
    ]);
    sub.unsubscribe();
  });
});
