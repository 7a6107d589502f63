import { generateKeyPairSync } from 'node:crypto';
import { redactConfig } from '@hn/service-kit';
import { PRESALE_SECRETS, validatePresaleConfig } from './presale.config';

describe(validatePresaleConfig.name, () => {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('uses the defaults: port 3102, hn_presale, cut-over 2024-08-01 written once in @hn/numbering', () => {
    expect(validatePresaleConfig({ PRESALE_SIGNING_KEY: pem })).toMatchObject({
      port: 3102,
      databaseName: 'hn_presale',
      cutoverDate: '2024-08-01',
      logLevel: 'info',
      publicBaseUrl: 'http://127.0.0.1:3000',
    });
    expect(validatePresaleConfig({ PRESALE_SIGNING_KEY: pem, PRESALE_CUTOVER_DATE: '2024-07-15' }).cutoverDate).toBe(
      '2024-07-15',
    );
  });

  it('fails at boot naming every bad setting, in Chinese and English, never echoing the key', () => {
    const bad = {
      PRESALE_SIGNING_KEY: 'not-a-pem-secret',
      PRESALE_CUTOVER_DATE: '2024-02-30',
      PRESALE_PORT: 'x',
      LOG_LEVEL: 'loud',
    };
    expect(() => validatePresaleConfig(bad)).toThrow(
      /^presale 配置无效，未启动 \(invalid configuration, not started\): .*PRESALE_PORT.*LOG_LEVEL.*PRESALE_SIGNING_KEY.*PRESALE_CUTOVER_DATE 须为 YYYY-MM-DD 日期 \(must be a YYYY-MM-DD date\)/,
    );
    expect(() => validatePresaleConfig(bad)).not.toThrow(/not-a-pem-secret/);
  });

  it('marks the signing key secret: a logged config never shows it', () => {
    const shown = JSON.stringify(redactConfig(validatePresaleConfig({ PRESALE_SIGNING_KEY: pem }), PRESALE_SECRETS));
    expect(shown).toContain('"signingKeyPem":"[REDACTED]"');
    expect(shown).not.toContain('PRIVATE KEY');
  });
});
