import { MetricsService, outcomeOfStatus } from './metrics.service';

describe(MetricsService.name, () => {
  it('classifies answers: 2xx/3xx ok, 4xx business rejections, 5xx failures', () => {
    expect([200, 201, 304, 400, 404, 409, 422, 429, 500, 503].map(outcomeOfStatus)).toEqual([
      'ok',
      'ok',
      'ok',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'failed',
      'failed',
    ]);
  });

  it('records HTTP and RPC durations with their outcome', async () => {
    const metrics = new MetricsService();
    metrics.observeHttp('GET', '/api/v1/construction-permits/:permitNumber', 404, 0.003);
    metrics.observeRpc('rpc.permits.permit.get.v1', 'failed', 0.2);
    const text = await metrics.render();
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/api/v1/construction-permits/:permitNumber",status_code="404",outcome="rejected"} 1',
    );
    expect(text).toContain('rpc_requests_total{subject="rpc.permits.permit.get.v1",outcome="failed"} 1');
    expect(text).toContain(
      'rpc_request_duration_seconds_count{subject="rpc.permits.permit.get.v1",outcome="failed"} 1',
    );
  });
});
