import { ALERT_RULES, DASHBOARDS, PROMETHEUS_METRICS, SERVICES, ServiceName } from '../tools/monitoring/definitions';
import { metricsOf } from '../tools/monitoring/render';
import { TestPlatform } from './support/platform';

/** Metric families a /metrics page declares (`# TYPE name kind`), with the series names each exposes. */
function exportedSeries(text: string): Set<string> {
  const series = new Set<string>();
  for (const match of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, kind] = match;
    series.add(name);
    if (kind === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) series.add(name + suffix);
    if (kind === 'summary') for (const suffix of ['_sum', '_count']) series.add(name + suffix);
  }
  return series;
}

describe('monitoring: dashboards and alert rules query only exported metrics', () => {
  let platform: TestPlatform;
  const exported = new Map<ServiceName, Set<string>>();

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow', 'alerts', 'exchange']);
    for (const service of SERVICES) {
      const res = await fetch(`http://127.0.0.1:${platform.metricsPort(service)}/metrics`);
      expect(res.status).toBe(200);
      exported.set(service, exportedSeries(await res.text()));
    }
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('each service dashboard queries only metrics its service exports', () => {
    const missing: string[] = [];
    for (const dashboard of DASHBOARDS.filter((d) => d.service)) {
      const own = exported.get(dashboard.service!)!;
      for (const panel of dashboard.panels) {
        for (const { expr } of panel.exprs) {
          for (const metric of metricsOf(expr))
            if (!own.has(metric) && !PROMETHEUS_METRICS.includes(metric))
              missing.push(`${dashboard.file} «${panel.title}»: ${metric}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('the overview and every alert rule query metrics that some service exports', () => {
    const any = new Set([...exported.values()].flatMap((s) => [...s]));
    const queried = [
      ...DASHBOARDS.filter((d) => !d.service).flatMap((d) =>
        d.panels.flatMap((p) => p.exprs.map((e) => ({ where: `${d.file} «${p.title}»`, expr: e.expr }))),
      ),
      ...ALERT_RULES.map((r) => ({ where: r.alert, expr: r.expr })),
    ];
    const missing = queried.flatMap(({ where, expr }) =>
      metricsOf(expr)
        .filter((m) => !any.has(m) && !PROMETHEUS_METRICS.includes(m))
        .map((m) => `${where}: ${m}`),
    );
    expect(missing).toEqual([]);
  });

  it('backend services export RPC and HTTP histograms, outbox and NATS connection state; issuing services their counters', () => {
    for (const service of ['permits', 'presale', 'contracts', 'escrow', 'alerts', 'exchange'] as const) {
      const own = exported.get(service)!;
      for (const m of [
        'rpc_request_duration_seconds_bucket',
        'http_request_duration_seconds_bucket',
        'outbox_pending_events',
        'outbox_publish_lag_seconds_bucket',
        'nats_connection_up',
      ]) {
        expect({ service, metric: m, exported: own.has(m) }).toEqual({ service, metric: m, exported: true });
      }
    }
    expect(exported.get('presale')!.has('presale_numbers_issued_total')).toBe(true);
    expect(exported.get('contracts')!.has('contract_filings_issued_total')).toBe(true);
    expect(exported.get('alerts')!.has('alerts_open')).toBe(true);
    expect(exported.get('exchange')!.has('exchange_delivery_attempts_total')).toBe(true);
    for (const service of ['presale', 'contracts', 'escrow', 'alerts', 'exchange'] as const)
      expect(exported.get(service)!.has('jetstream_consumer_pending_messages')).toBe(true);
  });

  it('reports the events connection as up and consumer lag per durable', async () => {
    const text = await (await fetch(`http://127.0.0.1:${platform.metricsPort('presale')}/metrics`)).text();
    expect(text).toMatch(/^nats_connection_up\{connection="events"\} 1$/m);
    expect(text).toMatch(/^nats_connection_up\{connection="rpc"\} 1$/m);
    expect(text).toMatch(/^jetstream_consumer_pending_messages\{stream="HN_PERMITS",durable="[^"]+"\} \d+$/m);
  });

  it('records a business rejection apart from failures', async () => {
    await fetch(`${platform.gatewayUrl}/api/v1/construction-permits/430223202406200101`);
    const text = await (await fetch(`http://127.0.0.1:${platform.metricsPort('gateway')}/metrics`)).text();
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/construction-permits\/:permitNumber",status_code="401",outcome="rejected"\} 1$/m,
    );
  });
});
