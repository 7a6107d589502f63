import { Transport } from '@nestjs/microservices';
import { rpcTransportOptions } from './create-service-app';
import { NATS_RECONNECT_FOREVER } from '@hn/messaging';

describe(rpcTransportOptions.name, () => {
  it('makes the NestJS NATS transport reconnect forever, in the service queue group', () => {
    const { transport, options } = rpcTransportOptions({ service: 'presale', natsUrl: 'nats://10.0.0.1:4222' });
    expect(transport).toBe(Transport.NATS);
    expect(options).toMatchObject({
      servers: ['nats://10.0.0.1:4222'],
      queue: 'presale',
      name: 'presale-rpc',
      maxReconnectAttempts: -1,
    });
    expect(options?.['reconnectTimeWait']).toBeGreaterThanOrEqual(250);
    expect(options?.['reconnectTimeWait']).toBeLessThanOrEqual(1000);
  });

  it('shares one reconnect policy: unlimited attempts, a short wait, pings that notice a dead peer', () => {
    expect(NATS_RECONNECT_FOREVER.maxReconnectAttempts).toBe(-1);
    expect(NATS_RECONNECT_FOREVER.reconnectTimeWait).toBe(500);
    expect(NATS_RECONNECT_FOREVER.pingInterval * NATS_RECONNECT_FOREVER.maxPingOut).toBeLessThanOrEqual(30_000);
  });
});
