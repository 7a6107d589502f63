import { validateEscrowConfig } from './escrow.config';

describe(validateEscrowConfig.name, () => {
  it('defaults to port 3104 and database hn_escrow', () => {
    expect(validateEscrowConfig({})).toMatchObject({
      port: 3104,
      databaseName: 'hn_escrow',
      natsUrl: 'nats://127.0.0.1:4222',
      host: '127.0.0.1',
    });
    expect(validateEscrowConfig({ ESCROW_PORT: '0', ESCROW_DB_NAME: 'it_escrow_x' })).toMatchObject({
      port: 0,
      databaseName: 'it_escrow_x',
    });
  });

  it('reports every invalid setting at once', () => {
    expect(() =>
      validateEscrowConfig({ ESCROW_PORT: '70000', ESCROW_DB_NAME: 'Bad-Name', NATS_URL: 'http://x' }),
    ).toThrow(/ESCROW_PORT.*ESCROW_DB_NAME.*NATS_URL/);
    expect(() => validateEscrowConfig({ LOG_LEVEL: 'chatty' })).toThrow(
      /^escrow 配置无效，未启动 \(invalid configuration, not started\): LOG_LEVEL must be one of fatal\|error\|warn\|info\|debug\|trace\|silent$/,
    );
  });
});
