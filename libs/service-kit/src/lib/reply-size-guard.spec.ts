import 'reflect-metadata';
import { NatsRecordSerializer } from '@nestjs/microservices/serializers/nats-record.serializer';
import { JSONCodec } from 'nats';
import { replyTooLargeProblem, ReplySizeGuard, serializedSize } from './reply-size-guard';

describe(ReplySizeGuard.name, () => {
  const codec = JSONCodec<Record<string, unknown>>();
  const inner = new NatsRecordSerializer();
  const decode = (out: { data: Uint8Array }) => codec.decode(out.data);

  it('passes a reply within the connection’s max_payload unchanged', () => {
    const guard = new ReplySizeGuard(inner, () => 1024);
    const packet = { id: 'a1', response: { ok: true }, isDisposed: true };
    expect(decode(guard.serialize(packet))).toEqual(decode(inner.serialize(packet)));
  });

  it('answers a larger reply with 413 PAYLOAD_TOO_LARGE under the same id, naming both sizes', () => {
    const oversize = jest.fn();
    const guard = new ReplySizeGuard(inner, () => 1024, oversize);
    const packet = { id: 'a2', response: { items: 'x'.repeat(2000) }, isDisposed: true };
    const bytes = serializedSize(inner.serialize(packet));
    const reply = decode(guard.serialize(packet));
    expect(reply).toEqual({ id: 'a2', err: replyTooLargeProblem(bytes, 1024), isDisposed: true });
    expect(reply['err']).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(oversize).toHaveBeenCalledWith(bytes, 1024);
    // an error reply over the limit is replaced just the same
    expect(decode(guard.serialize({ id: 'a3', err: { detail: 'y'.repeat(2000) } }))['err']).toMatchObject({
      status: 413,
    });
  });

  it('reads the limit at each reply (the server the connection is on), and checks nothing before it is connected', () => {
    let max: number | undefined;
    const guard = new ReplySizeGuard(inner, () => max);
    const packet = { id: 'a4', response: 'z'.repeat(500) };
    expect(decode(guard.serialize(packet))['response']).toBe('z'.repeat(500));
    max = 100;
    expect(decode(guard.serialize(packet))['err']).toMatchObject({ status: 413 });
    max = 10_000;
    expect(decode(guard.serialize(packet))['response']).toBe('z'.repeat(500));
  });
});

describe(replyTooLargeProblem.name, () => {
  it('says it in Chinese with the English beside it', () => {
    const p = replyTooLargeProblem(1_200_000, 1_048_576);
    expect(p).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(p.detail).toContain('应答过大（1200000 字节，超过 NATS 单条消息上限 1048576 字节）');
    expect(p.detail).toContain('(reply of 1200000 bytes exceeds the NATS max payload of 1048576 bytes');
  });
});
