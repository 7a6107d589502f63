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

describe('approval clock and role settings', () => {
  it('defaults the stage limits (statutory 20, committed 9 in all), roles COUNTY, sweep 5 minutes, no clock file', () => {
    const c = validatePermitsConfig({});
    expect(c.stageLimits.ACCEPTANCE).toEqual({ statutoryDays: 5, committedDays: 1 });
    expect(Object.values(c.stageLimits).reduce((n, l) => n + l.statutoryDays, 0)).toBe(20);
    expect(Object.values(c.stageLimits).reduce((n, l) => n + l.committedDays, 0)).toBe(9);
    expect(Object.values(c.stageRoles).every((r) => r.join() === 'COUNTY')).toBe(true);
    expect(c).toMatchObject({ overdueSweepMs: 300_000, clockFile: null });
  });

  it('overrides named stages only', () => {
    const c = validatePermitsConfig({
      PERMITS_STAGE_LIMITS: 'DECISION=7/3; ACCEPTANCE=5/2',
      PERMITS_STAGE_ROLES: 'DECISION=COUNTY,CITY',
      PERMITS_OVERDUE_SWEEP_MS: '1000',
      PERMITS_CLOCK_FILE: '/tmp/now',
    });
    expect(c.stageLimits.DECISION).toEqual({ statutoryDays: 7, committedDays: 3 });
    expect(c.stageLimits.ACCEPTANCE).toEqual({ statutoryDays: 5, committedDays: 2 });
    expect(c.stageLimits.SECOND_REVIEW).toEqual({ statutoryDays: 3, committedDays: 1 });
    expect(c.stageRoles.DECISION).toEqual(['COUNTY', 'CITY']);
    expect(c.stageRoles.ACCEPTANCE).toEqual(['COUNTY']);
    expect(c).toMatchObject({ overdueSweepMs: 1000, clockFile: '/tmp/now' });
  });

  it('refuses unknown stages, committed above statutory, unknown roles, a bad interval, a clock file in production', () => {
    let message = '';
    try {
      validatePermitsConfig({
        PERMITS_STAGE_LIMITS: 'LUNCH=1/1;DECISION=2/3',
        PERMITS_STAGE_ROLES: 'DECISION=MAYOR',
        PERMITS_OVERDUE_SWEEP_MS: '5',
        PERMITS_CLOCK_FILE: '/tmp/now',
        NODE_ENV: 'production',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    for (const expected of [
      '未知环节或格式错误 “LUNCH=1/1”',
      'DECISION=2/3 须为 法定/承诺 工作日',
      'DECISION=MAYOR 角色须为',
      'PERMITS_OVERDUE_SWEEP_MS',
      'PERMITS_CLOCK_FILE 仅供测试',
    ])
      expect(message).toContain(expected);
  });
});
