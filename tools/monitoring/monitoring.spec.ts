import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_RULES, DASHBOARDS, SERVICES } from './definitions';
import { metricsOf, renderAll } from './render';

const root = join(__dirname, '..', '..');

describe('monitoring definitions', () => {
  it('committed dashboards and rule files equal what the definitions render (run npm run monitoring:generate)', () => {
    for (const [file, content] of renderAll(DASHBOARDS)) {
      expect({ file, content: readFileSync(join(root, file), 'utf8') }).toEqual({ file, content });
    }
  });

  it('has one dashboard per service plus the overview, each panel with a query', () => {
    expect(DASHBOARDS.map((d) => d.service).sort()).toEqual([...SERVICES, null].sort());
    for (const d of DASHBOARDS) for (const p of d.panels) expect(p.exprs.length).toBeGreaterThan(0);
  });

  it('extracts the metric names a query selects, not label names or values', () => {
    expect(
      metricsOf(
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{service="x",route!~"/health|a{b}"}[5m])))',
      ),
    ).toEqual(['http_request_duration_seconds_bucket']);
    expect(metricsOf('max(a_total{x="1"}) / clamp_min(sum(b_count{y=~"z"}), 1e-9)')).toEqual(['a_total', 'b_count']);
  });

  it('counts only 5xx as failures in every ratio (a 404 PERMIT_NOT_FOUND is a business answer)', () => {
    const ratios = [
      ...DASHBOARDS.flatMap((d) => d.panels.flatMap((p) => p.exprs.map((e) => e.expr))),
      ...ALERT_RULES.map((r) => r.expr),
    ].filter((e) => e.includes('/ clamp_min'));
    expect(ratios.length).toBeGreaterThan(0);
    for (const expr of ratios) expect(expr).toMatch(/outcome="(failed|rejected)"/);
  });
});
