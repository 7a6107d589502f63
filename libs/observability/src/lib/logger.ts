import { DynamicModule } from '@nestjs/common';
import { Headers } from '@hn/messages';
import { LoggerModule } from 'nestjs-pino';
import { IncomingMessage } from 'node:http';
import { acceptOrCreateCorrelationId, currentCorrelationId } from './correlation';

/** Fields that must never reach a log line (secrets, credentials, personal data). */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  '*.password',
  '*.clientSecret',
  '*.client_secret',
  '*.secret',
  '*.access_token',
  '*.idNumber',
  '*.phone',
];

/** JSON logs (nestjs-pino) with the correlation id on every line, HTTP or NATS. */
export function createLoggerModule(service: string, level = 'info'): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
      genReqId: (req: IncomingMessage) => acceptOrCreateCorrelationId(req.headers[Headers.correlationId]),
      customAttributeKeys: { reqId: 'correlationId' },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
    },
  });
}
