import { INestApplication, Logger } from '@nestjs/common';
import { MetricsService } from '@hn/observability';
import Fastify, { FastifyInstance } from 'fastify';
import { GatewayConfig } from '../config/gateway.config';

/**
 * The gateway's management listener (GATEWAY_MANAGEMENT_HOST:GATEWAY_MANAGEMENT_PORT, default
 * 127.0.0.1:9464): GET /metrics for Prometheus. It is never exposed through the public port or
 * the ingress; the public port answers /metrics with 404 problem+json like any unknown route.
 * Closed together with the application.
 */
export async function startManagementServer(
  app: INestApplication,
  config: Pick<GatewayConfig, 'managementHost' | 'managementPort'>,
): Promise<FastifyInstance> {
  const metrics = app.get(MetricsService);
  const server = Fastify({ logger: false });
  server.get('/metrics', async (_request, reply) => {
    void reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').header('cache-control', 'no-store');
    return metrics.render();
  });
  server.setNotFoundHandler((_request, reply) => {
    void reply
      .code(404)
      .header('content-type', 'text/plain; charset=utf-8')
      .send('not found: the management port serves GET /metrics only\n');
  });
  const address = await server.listen({ port: config.managementPort, host: config.managementHost });
  new Logger('Management').log(`metrics at ${address}/metrics`);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onClose', async () => {
      await server.close();
    });
  return server;
}

/** The port the management server really listens on (useful with GATEWAY_MANAGEMENT_PORT=0). */
export function managementPortOf(server: FastifyInstance): number {
  const address = server.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}
