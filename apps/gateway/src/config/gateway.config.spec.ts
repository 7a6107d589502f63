import { redactConfig } from '@hn/service-kit';
import { randomBytes } from 'node:crypto';
import { GATEWAY_SECRETS, validateGatewayConfig } from './gateway.config';

const PII_KEY = randomBytes(32).toString('base64');

describe('validateGatewayConfig', () => {
  it('refuses to boot without a long enough JWT secret and never echoes it', () => {
    expect(() => validateGatewayConfig({ GATEWAY_JWT_SECRET: 'short-secret' })).toThrow(/GATEWAY_JWT_SECRET/);
    try {
      validateGatewayConfig({ GATEWAY_JWT_SECRET: 'short-secret' });
    } catch (e) {
      expect((e as Error).message).not.toContain('short-secret');
    }
  });

  it('refuses to boot without a 32-byte PII key (secret), never echoes it, and keeps it out of the logged config', () => {
    const secret = { GATEWAY_JWT_SECRET: 's'.repeat(40) };
    for (const bad of [
      undefined,
      'change-me',
      randomBytes(16).toString('base64'),
      Buffer.alloc(32, 7).toString('base64'),
    ]) {
      const env = bad === undefined ? secret : { ...secret, GATEWAY_PII_KEY: bad };
      expect(() => validateGatewayConfig(env)).toThrow(/GATEWAY_PII_KEY/);
      if (bad) expect(() => validateGatewayConfig(env)).not.toThrow(new RegExp(bad.replace(/[+/=]/g, '.')));
    }
    const config = validateGatewayConfig({ ...secret, GATEWAY_PII_KEY: PII_KEY });
    expect(config.piiKey.equals(Buffer.from(PII_KEY, 'base64'))).toBe(true);
    expect(redactConfig(config, GATEWAY_SECRETS)['piiKey']).toBe('[REDACTED]');
  });

  it('reads the production and sandbox URLs the OpenAPI document lists (absent: placeholders), validated', () => {
    const base = { GATEWAY_JWT_SECRET: 's'.repeat(40), GATEWAY_PII_KEY: PII_KEY };
    expect(validateGatewayConfig(base).openApiServers).toEqual({ production: null, sandbox: null });
    expect(
      validateGatewayConfig({
        ...base,
        GATEWAY_OPENAPI_PRODUCTION_URL: 'https://presale.hunan.gov.cn',
        GATEWAY_OPENAPI_SANDBOX_URL: 'https://sandbox.presale.hunan.gov.cn:8443',
      }).openApiServers,
    ).toEqual({ production: 'https://presale.hunan.gov.cn', sandbox: 'https://sandbox.presale.hunan.gov.cn:8443' });
    for (const bad of ['presale.hunan.gov.cn', 'ftp://x.cn', 'https://x.cn/', 'https://x.cn?a=1', 'https://u:p@x.cn'])
      expect(() => validateGatewayConfig({ ...base, GATEWAY_OPENAPI_SANDBOX_URL: bad })).toThrow(
        /GATEWAY_OPENAPI_SANDBOX_URL/,
      );
  });

  it('applies defaults and validates numbers', () => {
    const config = validateGatewayConfig({ GATEWAY_JWT_SECRET: 's'.repeat(40), GATEWAY_PII_KEY: PII_KEY });
    expect(config).toMatchObject({ port: 3000, databaseName: 'hn_gateway', tokenTtlSeconds: 900 });
    expect(() =>
      validateGatewayConfig({ GATEWAY_JWT_SECRET: 's'.repeat(40), GATEWAY_PII_KEY: PII_KEY, GATEWAY_PORT: 'abc' }),
    ).toThrow(/GATEWAY_PORT/);
  });
});

describe('validateGatewayConfig: proxies, management port and account cache', () => {
  const base = { GATEWAY_JWT_SECRET: 's'.repeat(40), GATEWAY_PII_KEY: PII_KEY };

  it('trusts no proxy, serves metrics on 127.0.0.1:9464 and caches account state for 2 s by default', () => {
    expect(validateGatewayConfig(base)).toMatchObject({
      trustedProxies: [],
      managementPort: 9464,
      managementHost: '127.0.0.1',
      accountCacheTtlMs: 2000,
    });
  });

  it('accepts addresses, CIDRs and proxy-addr keywords, and refuses anything else', () => {
    expect(
      validateGatewayConfig({ ...base, GATEWAY_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,fd00::/8,loopback' })
        .trustedProxies,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'loopback']);
    for (const bad of ['*', 'true', '10.0.0.0/33', 'proxy.example', '1.2.3.4/8/1']) {
      expect(() => validateGatewayConfig({ ...base, GATEWAY_TRUSTED_PROXIES: bad })).toThrow(/GATEWAY_TRUSTED_PROXIES/);
    }
  });

  it('refuses an account cache longer than the 5 s revocation bound and a management port equal to the public one', () => {
    expect(() => validateGatewayConfig({ ...base, GATEWAY_ACCOUNT_CACHE_TTL_MS: '6000' })).toThrow(
      /GATEWAY_ACCOUNT_CACHE_TTL_MS/,
    );
    expect(() => validateGatewayConfig({ ...base, GATEWAY_PORT: '4000', GATEWAY_MANAGEMENT_PORT: '4000' })).toThrow(
      /GATEWAY_MANAGEMENT_PORT/,
    );
    expect(validateGatewayConfig({ ...base, GATEWAY_MANAGEMENT_PORT: '0' }).managementPort).toBe(0);
  });
});

describe('validateGatewayConfig: settings of feature modules, read once at boot', () => {
  const base = { GATEWAY_JWT_SECRET: 's'.repeat(40), GATEWAY_PII_KEY: PII_KEY };

  it('carries the reconciliation timeout; the contract cut-over is a setting of the contracts service only', () => {
    expect(validateGatewayConfig(base)).toMatchObject({ reconciliationTimeoutMs: 120_000, logLevel: 'info' });
    const config = validateGatewayConfig({ ...base, GATEWAY_RECONCILIATION_TIMEOUT_MS: '30000' });
    expect(config).toMatchObject({ reconciliationTimeoutMs: 30_000 });
    expect(config).not.toHaveProperty('contractCutoverDate');
  });

  it('fails at boot naming every bad value in Chinese and English', () => {
    expect(() =>
      validateGatewayConfig({
        ...base,
        GATEWAY_RECONCILIATION_TIMEOUT_MS: '10',
        LOG_LEVEL: 'x',
      }),
    ).toThrow(
      /^gateway 配置无效，未启动 \(invalid configuration, not started\): .*GATEWAY_RECONCILIATION_TIMEOUT_MS.*LOG_LEVEL/,
    );
  });

  it('marks the JWT secret: a logged config never shows it', () => {
    const shown = JSON.stringify(redactConfig(validateGatewayConfig(base), GATEWAY_SECRETS));
    expect(shown).toContain('"jwtSecret":"[REDACTED]"');
    expect(shown).not.toContain('s'.repeat(40));
  });
});
