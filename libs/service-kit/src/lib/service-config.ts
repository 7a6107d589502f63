import { DynamicModule, Global, Module } from '@nestjs/common';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL (default info); a bad value is one more problem of the service's validate(). */
export function readLogLevel(env: Record<string, string | undefined>, problems: string[]): LogLevel {
  const raw = env['LOG_LEVEL']?.trim() || 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join('|')}`);
  return 'info';
}

/**
 * The boot failure of a service whose environment is invalid: every problem at once, in Chinese and
 * English, never a value (secrets stay out of the message).
 */
export function invalidConfig(service: string, problems: readonly string[]): Error {
  return new Error(`${service} 配置无效，未启动 (invalid configuration, not started): ${problems.join('; ')}`);
}

export const REDACTED = '[REDACTED]';

/**
 * A copy of `config` fit for a log line: every path listed in `secrets` (e.g. 'piiKey',
 * 'reconciliation.marketPlatform.apiKey') replaced by [REDACTED], Buffers summarised.
 */
export function redactConfig(config: object, secrets: readonly string[]): Record<string, unknown> {
  const walk = (value: unknown, path: string): unknown => {
    if (secrets.includes(path)) return value === null || value === undefined || value === '' ? value : REDACTED;
    if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
    if (Array.isArray(value)) return value.map((v) => walk(v, path));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]));
    return value;
  };
  return walk(config, '') as Record<string, unknown>;
}

/**
 * The one provider of a service's validated config: main.ts validates the environment once at boot
 * and hands the typed object here; every feature injects it by `token` (global, read-only). Nothing
 * reads process.env after that.
 */
@Global()
@Module({})
export class ServiceConfigModule {
  static forRoot<T extends object>(token: symbol, config: T): DynamicModule {
    return {
      module: ServiceConfigModule,
      providers: [{ provide: token, useValue: Object.freeze(config) }],
      exports: [token],
    };
  }
}
