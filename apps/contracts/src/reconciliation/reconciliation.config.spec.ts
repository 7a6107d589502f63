import { randomBytes } from 'node:crypto';
import { validateReconciliationConfig } from './reconciliation.config';
import { validateContractsConfig } from '../config/contracts.config';

describe(validateReconciliationConfig.name, () => {
  it('defaults: no market platform, no schedule', () => {
    expect(validateReconciliationConfig({})).toEqual({
      intervalMs: 0,
      marketPlatform: {
        url: null,
        apiKey: null,
        requestTimeoutMs: 10_000,
        pageSize: 200,
        maxAttempts: 6,
        retryBaseMs: 500,
        retryMaxMs: 30_000,
      },
    });
  });

  it('reads the market platform and the interval', () => {
    const config = validateReconciliationConfig({
      MARKET_PLATFORM_URL: 'https://fdc.example.gov.cn/open/',
      MARKET_PLATFORM_API_KEY: 's3cret-key-value',
      RECONCILIATION_INTERVAL_MS: '3600000',
      MARKET_PLATFORM_PAGE_SIZE: '500',
    });
    expect(config).toMatchObject({
      intervalMs: 3_600_000,
      marketPlatform: { url: 'https://fdc.example.gov.cn/open', apiKey: 's3cret-key-value', pageSize: 500 },
    });
  });

  it('rejects bad settings without echoing the key', () => {
    expect(() => validateReconciliationConfig({ MARKET_PLATFORM_URL: 'https://fdc.example.gov.cn' })).toThrow(
      /MARKET_PLATFORM_API_KEY/,
    );
    expect(() => validateReconciliationConfig({ MARKET_PLATFORM_URL: 'ftp://x' })).toThrow(/MARKET_PLATFORM_URL/);
    expect(() =>
      validateReconciliationConfig({ MARKET_PLATFORM_URL: 'https://u:p@x.cn', MARKET_PLATFORM_API_KEY: 'abcdefgh' }),
    ).toThrow(/MARKET_PLATFORM_URL/);
    expect(() => validateReconciliationConfig({ RECONCILIATION_INTERVAL_MS: '500' })).toThrow(/at least 1000/);
    expect(() => validateReconciliationConfig({ RECONCILIATION_INTERVAL_MS: '-1' })).toThrow(
      /RECONCILIATION_INTERVAL_MS/,
    );
    expect(() => validateReconciliationConfig({ MARKET_PLATFORM_TIMEOUT_MS: '0' })).toThrow(
      /MARKET_PLATFORM_TIMEOUT_MS/,
    );
    try {
      validateReconciliationConfig({ MARKET_PLATFORM_URL: 'nope', MARKET_PLATFORM_API_KEY: 'the-secret-value' });
    } catch (err) {
      expect(String(err)).not.toContain('the-secret-value');
    }
  });

  it('is part of the contracts config, validated with it at boot (one message for every problem)', () => {
    const market = { MARKET_PLATFORM_URL: 'http://127.0.0.1:3190', MARKET_PLATFORM_API_KEY: 'market-sim-dev-key' };
    const key = randomBytes(32).toString('base64');
    expect(
      validateContractsConfig({ CONTRACTS_PII_KEY: key, ...market, RECONCILIATION_INTERVAL_MS: '9000' }).reconciliation,
    ).toEqual(validateReconciliationConfig({ ...market, RECONCILIATION_INTERVAL_MS: '9000' }));
    expect(() =>
      validateContractsConfig({ CONTRACTS_PII_KEY: key, RECONCILIATION_INTERVAL_MS: '9000', CONTRACTS_PORT: 'x' }),
    ).toThrow(/CONTRACTS_PORT.*needs MARKET_PLATFORM_URL/);
  });
});
