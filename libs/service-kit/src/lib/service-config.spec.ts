import 'reflect-metadata';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { invalidConfig, readLogLevel, redactConfig, ServiceConfigModule } from './service-config';

const TOKEN = Symbol('TEST_CONFIG');

@Injectable()
class Reader {
  constructor(@Inject(TOKEN) readonly config: { port: number }) {}
}

@Module({ providers: [Reader] })
class FeatureModule {}

describe(ServiceConfigModule.name, () => {
  it('provides the validated config once, globally and read-only', async () => {
    @Module({ imports: [ServiceConfigModule.forRoot(TOKEN, { port: 3101 }), FeatureModule] })
    class RootModule {}
    const app = await NestFactory.createApplicationContext(RootModule, { logger: false });
    const { config } = app.get(Reader);
    expect(config).toEqual({ port: 3101 });
    expect(Object.isFrozen(config)).toBe(true);
    await app.close();
  });
});

describe(redactConfig.name, () => {
  it('replaces every listed path, nested ones too, and summarises buffers', () => {
    const config = {
      jwtSecret: 'very-secret',
      key: Buffer.alloc(32, 7),
      nested: { apiKey: 'k-123', url: 'https://x' },
      empty: { apiKey: null },
    };
    expect(redactConfig(config, ['jwtSecret', 'key', 'nested.apiKey', 'empty.apiKey'])).toEqual({
      jwtSecret: '[REDACTED]',
      key: '[REDACTED]',
      nested: { apiKey: '[REDACTED]', url: 'https://x' },
      empty: { apiKey: null },
    });
    expect(redactConfig({ key: Buffer.alloc(4) }, [])).toEqual({ key: '<4 bytes>' });
  });
});

describe('boot validation helpers', () => {
  it('reads LOG_LEVEL or reports it; builds one bilingual message for all problems', () => {
    const problems: string[] = [];
    expect(readLogLevel({}, problems)).toBe('info');
    expect(readLogLevel({ LOG_LEVEL: 'debug' }, problems)).toBe('debug');
    expect(problems).toEqual([]);
    readLogLevel({ LOG_LEVEL: 'noisy' }, problems);
    expect(invalidConfig('permits', [...problems, 'PERMITS_PORT must be a TCP port']).message).toBe(
      'permits 配置无效，未启动 (invalid configuration, not started): LOG_LEVEL must be one of fatal|error|warn|info|debug|trace|silent; PERMITS_PORT must be a TCP port',
    );
  });
});
