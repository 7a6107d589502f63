import { INestApplication } from '@nestjs/common';
import { managementPortOf, startManagementServer } from './management-server';

describe(startManagementServer.name, () => {
  it('serves the metrics registry on its own port and nothing else, and closes with the application', async () => {
    const onClose: Array<() => Promise<void>> = [];
    const app = {
      get: () => ({ render: async () => 'http_request_duration_seconds_count 1\n' }),
      getHttpAdapter: () => ({
        getInstance: () => ({ addHook: (_name: string, fn: () => Promise<void>) => onClose.push(fn) }),
      }),
    } as unknown as INestApplication;
    const server = await startManagementServer(app, { managementHost: '127.0.0.1', managementPort: 0 });
    const base = `http://127.0.0.1:${managementPortOf(server)}`;
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(await metrics.text()).toContain('http_request_duration_seconds_count 1');
    expect((await fetch(`${base}/api/v1/oauth/token`)).status).toBe(404);
    expect(onClose).toHaveLength(1);
    await onClose[0]!();
    await expect(fetch(`${base}/metrics`)).rejects.toThrow();
  });
});
