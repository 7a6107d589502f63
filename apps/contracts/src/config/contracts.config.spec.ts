import { randomBytes } from 'node:crypto';
import { redactConfig } from '@hn/service-kit';
import { CONTRACTS_SECRETS, validateContractsConfig } from './contracts.config';

describe(validateContractsConfig.name, () => {
  const key = randomBytes(32).toString('base64');

  it('uses the defaults with a valid key', () => {
    const config = validateContractsConfig({ CONTRACTS_PII_KEY: key });
    expect(config).toMatchObject({ port: 3103, databaseName: 'hn_contracts', cutoverDate: '2024-09-01' });
    expect(config.piiKey.equals(Buffer.from(key, 'base64'))).toBe(true);
    expect(validateContractsConfig({ CONTRACTS_PII_KEY: randomBytes(32).toString('base64url') }).piiKey).toHaveLength(
      32,
    );
  });

  it('requires the PII key: 32 bytes of base64, not a placeholder', () => {
    for (const bad of [
      undefined,
      '',
      randomBytes(16).toString('base64'),
      randomBytes(33).toString('base64'),
      Buffer.alloc(32).toString('base64'),
      'not base64 at all!',
    ]) {
      expect(() => validateContractsConfig({ CONTRACTS_PII_KEY: bad })).toThrow(/CONTRACTS_PII_KEY/);
    }
  });

  it('never puts the key in the error message', () => {
    const short = randomBytes(31).toString('base64');
    expect(() => validateContractsConfig({ CONTRACTS_PII_KEY: short, CONTRACTS_PORT: 'x' })).toThrow(/CONTRACTS_PORT/);
    try {
      validateContractsConfig({ CONTRACTS_PII_KEY: short });
    } catch (err) {
      expect(String(err)).not.toContain(short);
    }
  });

  it('validates the cut-over date and port', () => {
    expect(
      validateContractsConfig({ CONTRACTS_PII_KEY: key, CONTRACT_CUTOVER_DATE: '2024-10-01', CONTRACTS_PORT: '0' }),
    ).toMatchObject({ cutoverDate: '2024-10-01', port: 0 });
    expect(() => validateContractsConfig({ CONTRACTS_PII_KEY: key, CONTRACT_CUTOVER_DATE: '2024-13-01' })).toThrow(
      /CONTRACT_CUTOVER_DATE/,
    );
  });

  it('fails at boot with one Chinese and English message for every problem, reconciliation included', () => {
    expect(() =>
      validateContractsConfig({
        CONTRACTS_PII_KEY: key,
        CONTRACT_CUTOVER_DATE: '2024-9-1',
        MARKET_PLATFORM_URL: 'ftp://x',
      }),
    ).toThrow(
      /^contracts 配置无效，未启动 \(invalid configuration, not started\): CONTRACT_CUTOVER_DATE 须为 YYYY-MM-DD 日期 \(must be a YYYY-MM-DD date\); MARKET_PLATFORM_URL/,
    );
  });

  it('marks the PII key and the market platform key secret: a logged config shows neither', () => {
    const config = validateContractsConfig({
      CONTRACTS_PII_KEY: key,
      MARKET_PLATFORM_URL: 'https://fdc.example.gov.cn',
      MARKET_PLATFORM_API_KEY: 'market-secret-key',
    });
    const shown = JSON.stringify(redactConfig(config, CONTRACTS_SECRETS));
    expect(shown).not.toContain('market-secret-key');
    expect(shown).not.toContain(key);
    expect(shown).toContain('"apiKey":"[REDACTED]"');
    expect(shown).toContain('"url":"https://fdc.example.gov.cn"');
  });
});
