import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Principal } from '@hn/messages';
import { ExchangeConfig } from '../config/exchange.config';
import { SubscriberRepository } from './subscriber.repository';
import { SubscriberService } from './subscriber.service';

describe(SubscriberService.name, () => {
  const admin: Principal = { kind: 'staff', id: 'a', role: 'ADMIN', regions: ['430000'], scopes: [] };
  const config = (dropRoot: string | null) =>
    ({
      signingKey: generateKeyPairSync('ed25519').privateKey,
      previousSigningKey: null,
      secretKey: randomBytes(32),
      environment: 'development',
      allowedHosts: ['127.0.0.1'],
      dropRoot,
    }) as unknown as ExchangeConfig;
  const body = {
    name: '前置机',
    kind: 'DATA_SHARING' as const,
    delivery: { mode: 'FILE_DROP' as const, directory: 'gxpt' },
    eventTypes: ['hn.presale.permit.issued.v1'],
    dataView: ['presaleNumber'],
  };

  it('refuses a FILE_DROP subscriber when the platform has no drop root (422 naming delivery.mode)', async () => {
    const service = new SubscriberService({} as SubscriberRepository, config(null));
    await expect(service.create(admin, body)).rejects.toMatchObject({
      problem: {
        status: 422,
        errors: [{ field: 'delivery.mode', reason: expect.stringContaining('EXCHANGE_DROP_ROOT') }],
      },
    });
  });
});
