import { validateGatewayConfig } from './gateway.config';

describe('validateGatewayConfig', () => {
  it('refuses to boot without a long enough JWT secret and never echoes it', () => {
    expect(() => validateGatewayConfig({ GATEWAY_JWT_SECRET: 'short-secret' })).toThrow(/GATEWAY_JWT_SECRET/);
    try {
      validateGatewayConfig({ GATEWAY_JWT_SECRET: 'short-secret' });
    } catch (e) {
      expect((e as Error).message).not.toContain('short-secret');
    }
  });

  it('applies defaults and validates numbers', () => {
    const config = validateGatewayConfig({ GATEWAY_JWT_SECRET: 's'.repeat(40) });
    expect(config).toMatchObject({ port: 3000, databaseName: 'hn_gateway', tokenTtlSeconds: 900 });
    expect(() => validateGatewayConfig({ GATEWAY_JWT_SECRET: 's'.repeat(40), GATEWAY_PORT: 'abc' })).toThrow(/GATEWAY_PORT/);
  });
});
