import { INestApplication, Logger as NestLogger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import multipart from '@fastify/multipart';
import { GLOBAL_PIPE_VALIDATION_OPTIONS, SCAN_MAX_BYTES } from '@hn/messages';
import { acceptOrCreateCorrelationId, MetricsService, runWithCorrelation } from '@hn/observability';
import { Logger } from 'nestjs-pino';
import { GatewayAppModule } from './app.module';
import { frameworkErrorHandler, registerGuardedBodyParsers } from './body/guarded-body-parsers';
import { GatewayConfig } from './config/gateway.config';
import { startManagementServer } from './management/management-server';
import { registerSecurityHeaders } from './security/security-headers';
import { registerConsole } from './console/console-static';
import { setupOpenApi } from './openapi/setup-openapi';
import { sendProblem, toProblem } from './problem/problem-details.filter';
import { validationExceptionFactory } from './problem/validation-exception.factory';

const BODY_LIMIT_BYTES = 1024 * 1024;
/** The QR verify URL carries a 164-character base32 chain token as a path parameter (/V/:token). */
const MAX_PARAM_LENGTH = 512;

export async function createGatewayApp(config: GatewayConfig): Promise<INestApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // X-Forwarded-For is believed only from the configured proxies (default none: the TCP peer)
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
      acceptOrCreateCorrelationId(req.headers['x-correlation-id']),
    // undecodable paths (%ZZ) and over-long path parameters leave as problem+json too
    frameworkErrors: frameworkErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayAppModule.register(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  await registerSecurityHeaders(app);
  // JSON and form bodies: depth, forbidden keys, characters and sizes checked before validation
  registerGuardedBodyParsers(app, BODY_LIMIT_BYTES);
  // Staff uploads (scans): one file part of at most 20 MB plus a small JSON `data` part.
  await app.register(multipart, {
    limits: { fileSize: SCAN_MAX_BYTES, files: 2, fields: 2, parts: 3, fieldSize: 256 * 1024, headerPairs: 50 },
  });
  app.useGlobalPipes(
    new ValidationPipe({ ...GLOBAL_PIPE_VALIDATION_OPTIONS, exceptionFactory: validationExceptionFactory }),
  );
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(MetricsService);
  const logger = new NestLogger('Gateway');
  // Errors raised by Fastify itself (body parsing, size limit) also leave as problem+json.
  fastify.setErrorHandler((error, request, reply) => sendProblem(reply, request, toProblem(error, logger)));
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-correlation-id', String(request.id));
    runWithCorrelation(String(request.id), done);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  setupOpenApi(app, { publicBaseUrl: config.publicBaseUrl, servers: config.openApiServers });
  await registerConsole(app); // the staff web console under /console/
  await startManagementServer(app, config); // /metrics, not on the public port
  await app.listen(config.port, config.host);
  return app;
}
