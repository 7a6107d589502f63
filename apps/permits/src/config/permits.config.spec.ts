import { validatePermitsConfig } from './permits.config';

describe(validatePermitsConfig.name, () => {
  it('uses the defaults: port 3101, hn_permits, marking since 2015-01-01', () => {
    expect(validatePermitsConfig({})).toMatchObject({
      port: 3101,
      databaseName: 'hn_permits',
      markingSince: '2015-01-01',
      logLevel: 'info',
      natsUrl: 'nats://127.0.0.1:4222',
    });
    expect(validatePermitsConfig({ PERMITS_MARKING_SINCE: '2018-06-01', LOG_LEVEL: 'warn' })).toMatchObject({
      markingSince: '2018-06-01',
      logLevel: 'warn',
    });
  });

  it('fails at boot naming every bad setting in Chinese and English', () => {
    expect(() =>
      validatePermitsConfig({ PERMITS_MARKING_SINCE: '1999-12-31', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'verbose' }),
    ).toThrow(
      /^permits 配置无效，未启动 \(invalid configuration, not started\): DATABASE_URL.*LOG_LEVEL must be one of .*PERMITS_MARKING_SINCE 须为 2000-01-01 起的 YYYY-MM-DD 日期/,
    );
  });
});
