/**
 * Dashboards and alert rules as data: `npm run monitoring:generate` renders them into
 * deploy/grafana/*.json and deploy/k8s/monitoring/prometheus-rules.yaml (+ deploy/prometheus/ for
 * a Prometheus without the operator). A unit spec checks the committed files equal this source;
 * an end-to-end spec checks that every metric queried here is exported by the service it belongs to.
 */

export type ServiceName = 'gateway' | 'permits' | 'presale' | 'contracts' | 'escrow' | 'alerts' | 'exchange';

export const SERVICES: readonly ServiceName[] = [
  'gateway',
  'permits',
  'presale',
  'contracts',
  'escrow',
  'alerts',
  'exchange',
];

/** Metrics Prometheus makes itself (not exported by a service). */
export const PROMETHEUS_METRICS: readonly string[] = ['up'];

export interface PanelDef {
  title: string;
  /** PromQL; `$svc` becomes the service's label matcher (service="permits", or service=~"$service"). */
  exprs: Array<{ expr: string; legend: string }>;
  unit?: 'reqps' | 'percentunit' | 's' | 'short' | 'bytes' | 'bool';
  kind?: 'timeseries' | 'stat';
}

export interface DashboardDef {
  uid: string;
  title: string;
  file: string;
  /** the service whose /metrics must export every metric queried; null for the overview */
  service: ServiceName | null;
  panels: PanelDef[];
}

const rate = (metric: string, filter = ''): string => `rate(${metric}{$svc${filter}}[$__rate_interval])`;

const httpPanels: PanelDef[] = [
  {
    title: 'HTTP 请求 requests / s by route',
    unit: 'reqps',
    exprs: [
      {
        expr: `sum by (route) (${rate('http_request_duration_seconds_count', ',route!~"/health|/metrics"')})`,
        legend: '{{route}}',
      },
    ],
  },
  {
    title: 'HTTP p50 / p99 latency by route',
    unit: 's',
    exprs: [
      {
        expr: `histogram_quantile(0.5, sum by (le, route) (${rate('http_request_duration_seconds_bucket', ',route!~"/health|/metrics"')}))`,
        legend: 'p50 {{route}}',
      },
      {
        expr: `histogram_quantile(0.99, sum by (le, route) (${rate('http_request_duration_seconds_bucket', ',route!~"/health|/metrics"')}))`,
        legend: 'p99 {{route}}',
      },
    ],
  },
  {
    title: '业务拒绝 rejections (4xx) by route and status',
    unit: 'reqps',
    exprs: [
      {
        expr: `sum by (route, status_code) (${rate('http_request_duration_seconds_count', ',outcome="rejected"')})`,
        legend: '{{status_code}} {{route}}',
      },
    ],
  },
  {
    title: '故障率 failure ratio (5xx only)',
    unit: 'percentunit',
    exprs: [
      {
        expr: `sum(${rate('http_request_duration_seconds_count', ',outcome="failed"')}) / clamp_min(sum(${rate('http_request_duration_seconds_count')}), 1e-9)`,
        legend: '5xx ratio',
      },
    ],
  },
];

const rpcPanels: PanelDef[] = [
  {
    title: 'RPC 请求 requests / s by subject and outcome',
    unit: 'reqps',
    exprs: [{ expr: `sum by (subject, outcome) (${rate('rpc_requests_total')})`, legend: '{{outcome}} {{subject}}' }],
  },
  {
    title: 'RPC p99 latency by subject',
    unit: 's',
    exprs: [
      {
        expr: `histogram_quantile(0.99, sum by (le, subject) (${rate('rpc_request_duration_seconds_bucket')}))`,
        legend: '{{subject}}',
      },
    ],
  },
  {
    title: 'RPC 故障率 failure ratio (5xx only; business rejections apart)',
    unit: 'percentunit',
    exprs: [
      {
        expr: `sum(${rate('rpc_request_duration_seconds_count', ',outcome="failed"')}) / clamp_min(sum(${rate('rpc_request_duration_seconds_count')}), 1e-9)`,
        legend: 'failed',
      },
      {
        expr: `sum(${rate('rpc_request_duration_seconds_count', ',outcome="rejected"')}) / clamp_min(sum(${rate('rpc_request_duration_seconds_count')}), 1e-9)`,
        legend: 'rejected (4xx)',
      },
    ],
  },
];

const outboxPanels: PanelDef[] = [
  {
    title: '待发布事件 outbox backlog',
    unit: 'short',
    exprs: [{ expr: 'max(outbox_pending_events{$svc})', legend: 'pending' }],
  },
  {
    title: '发布延迟 outbox publish lag',
    unit: 's',
    exprs: [
      {
        expr: `histogram_quantile(0.99, sum by (le) (${rate('outbox_publish_lag_seconds_bucket')}))`,
        legend: 'p99 commit → ack',
      },
      { expr: 'max(outbox_oldest_pending_age_seconds{$svc})', legend: 'oldest pending' },
    ],
  },
];

const consumerPanels: PanelDef[] = [
  {
    title: '消费滞后 consumer lag per durable',
    unit: 'short',
    exprs: [
      {
        expr: 'max by (stream, durable) (jetstream_consumer_pending_messages{$svc})',
        legend: '{{stream}} / {{durable}}',
      },
    ],
  },
];

const processPanels: PanelDef[] = [
  {
    title: 'NATS 连接 connection state',
    unit: 'bool',
    exprs: [{ expr: 'min by (connection) (nats_connection_up{$svc})', legend: '{{connection}}' }],
  },
  {
    title: 'CPU',
    unit: 'percentunit',
    exprs: [{ expr: `sum by (pod) (${rate('process_cpu_seconds_total')})`, legend: '{{pod}}' }],
  },
  {
    title: '内存 heap',
    unit: 'bytes',
    exprs: [{ expr: 'sum by (pod) (nodejs_heap_size_used_bytes{$svc})', legend: '{{pod}}' }],
  },
  {
    title: '事件循环 event loop lag p99',
    unit: 's',
    exprs: [{ expr: 'max by (pod) (nodejs_eventloop_lag_p99_seconds{$svc})', legend: '{{pod}}' }],
  },
];

function serviceDashboard(
  service: ServiceName,
  title: string,
  extra: PanelDef[],
  parts: { rpc: boolean; outbox: boolean; consumers: boolean },
): DashboardDef {
  return {
    uid: `hn-${service}`,
    title: `湖南预售监管 · ${title}`,
    file: `deploy/grafana/hn-${service}.json`,
    service,
    panels: [
      ...extra,
      ...httpPanels,
      ...(parts.rpc ? rpcPanels : []),
      ...(parts.outbox ? outboxPanels : []),
      ...(parts.consumers ? consumerPanels : []),
      ...processPanels,
    ],
  };
}

export const DASHBOARDS: DashboardDef[] = [
  {
    uid: 'hn-overview',
    title: '湖南预售监管 · 总览 overview',
    file: 'deploy/grafana/hn-overview.json',
    service: null,
    panels: [
      {
        title: '服务在线 targets up',
        kind: 'stat',
        unit: 'short',
        exprs: [{ expr: 'sum by (service) (up{$svc})', legend: '{{service}}' }],
      },
      {
        title: 'HTTP 请求 requests / s by service',
        unit: 'reqps',
        exprs: [
          {
            expr: `sum by (service) (${rate('http_request_duration_seconds_count', ',route!~"/health|/metrics"')})`,
            legend: '{{service}}',
          },
        ],
      },
      {
        title: 'HTTP 故障率 5xx ratio by service',
        unit: 'percentunit',
        exprs: [
          {
            expr: `sum by (service) (${rate('http_request_duration_seconds_count', ',outcome="failed"')}) / clamp_min(sum by (service) (${rate('http_request_duration_seconds_count')}), 1e-9)`,
            legend: '{{service}}',
          },
        ],
      },
      {
        title: 'RPC 故障率 failure ratio by service',
        unit: 'percentunit',
        exprs: [
          {
            expr: `sum by (service) (${rate('rpc_requests_total', ',outcome="failed"')}) / clamp_min(sum by (service) (${rate('rpc_requests_total')}), 1e-9)`,
            legend: '{{service}}',
          },
        ],
      },
      {
        title: '取号 numbers issued / s',
        unit: 'reqps',
        exprs: [
          {
            expr: `sum by (letter) (${rate('presale_numbers_issued_total', ',sandbox="false"')})`,
            legend: '预售 presale {{letter}}',
          },
          { expr: `sum(${rate('contract_filings_issued_total', ',sandbox="false"')})`, legend: '网签备案 filings' },
        ],
      },
      {
        title: '待发布事件 outbox backlog by service',
        unit: 'short',
        exprs: [{ expr: 'max by (service) (outbox_pending_events{$svc})', legend: '{{service}}' }],
      },
      {
        title: '消费滞后 consumer lag by durable',
        unit: 'short',
        exprs: [
          {
            expr: 'max by (service, durable) (jetstream_consumer_pending_messages{$svc})',
            legend: '{{service}} {{durable}}',
          },
        ],
      },
      {
        title: 'NATS 连接 connections down',
        unit: 'short',
        exprs: [
          {
            expr: 'count by (service, connection) (nats_connection_up{$svc} == 0)',
            legend: '{{service}} {{connection}}',
          },
        ],
      },
    ],
  },
  serviceDashboard('gateway', '网关 gateway', [], { rpc: false, outbox: false, consumers: false }),
  serviceDashboard('permits', '施工许可 permits', [], { rpc: true, outbox: true, consumers: false }),
  serviceDashboard(
    'presale',
    '预售许可 presale',
    [
      {
        title: '取号 presale numbers issued / s',
        unit: 'reqps',
        exprs: [
          {
            expr: `sum by (letter, sandbox) (${rate('presale_numbers_issued_total')})`,
            legend: '{{letter}} sandbox={{sandbox}}',
          },
        ],
      },
    ],
    { rpc: true, outbox: true, consumers: true },
  ),
  serviceDashboard(
    'contracts',
    '网签备案 contracts',
    [
      {
        title: '取号 contract filings issued / s',
        unit: 'reqps',
        exprs: [{ expr: `sum by (sandbox) (${rate('contract_filings_issued_total')})`, legend: 'sandbox={{sandbox}}' }],
      },
    ],
    { rpc: true, outbox: true, consumers: true },
  ),
  serviceDashboard('escrow', '资金监管 escrow', [], { rpc: true, outbox: true, consumers: true }),
  serviceDashboard(
    'alerts',
    '预警 alerts',
    [
      {
        title: '未关闭预警 open alerts by type',
        unit: 'short',
        exprs: [{ expr: 'max by (type) (alerts_open{$svc})', legend: '{{type}}' }],
      },
    ],
    { rpc: true, outbox: true, consumers: true },
  ),
  serviceDashboard(
    'exchange',
    '数据推送 exchange',
    [
      {
        title: '推送尝试 delivery attempts / s by outcome',
        unit: 'reqps',
        exprs: [{ expr: `sum by (outcome) (${rate('exchange_delivery_attempts_total')})`, legend: '{{outcome}}' }],
      },
      {
        title: '推送耗时 delivery attempt p99',
        unit: 's',
        exprs: [
          {
            expr: `histogram_quantile(0.99, sum by (le) (${rate('exchange_delivery_attempt_duration_seconds_bucket')}))`,
            legend: 'p99',
          },
        ],
      },
      {
        title: '待推送与死信 pending and dead letters',
        unit: 'short',
        exprs: [{ expr: 'max by (state) (exchange_deliveries{$svc})', legend: '{{state}}' }],
      },
    ],
    { rpc: true, outbox: true, consumers: true },
  ),
];

export interface AlertRuleDef {
  alert: string;
  expr: string;
  for: string;
  severity: 'critical' | 'warning';
  summary: string;
}

const ALL = `service=~"${SERVICES.join('|')}"`;

export const ALERT_RULES: AlertRuleDef[] = [
  {
    alert: 'HnServiceDown',
    expr: `up{${ALL}} == 0`,
    for: '2m',
    severity: 'critical',
    summary: '服务实例不可达 {{ $labels.service }} {{ $labels.pod }} is down',
  },
  {
    alert: 'HnHttp5xxRatioHigh',
    expr: `sum by (service) (rate(http_request_duration_seconds_count{${ALL},outcome="failed"}[5m])) / clamp_min(sum by (service) (rate(http_request_duration_seconds_count{${ALL}}[5m])), 1e-9) > 0.01`,
    for: '5m',
    severity: 'critical',
    summary: '{{ $labels.service }} 5xx 比例超过 1% (5xx ratio above 1 %)',
  },
  {
    alert: 'HnRpcFailureRatioHigh',
    expr: `sum by (service) (rate(rpc_requests_total{${ALL},outcome="failed"}[5m])) / clamp_min(sum by (service) (rate(rpc_requests_total{${ALL}}[5m])), 1e-9) > 0.01`,
    for: '5m',
    severity: 'critical',
    summary: '{{ $labels.service }} RPC 故障比例超过 1% (RPC failures above 1 %)',
  },
  {
    alert: 'HnOutboxBacklogGrowing',
    expr: `max by (service) (outbox_pending_events{${ALL}}) > 100 and max by (service) (deriv(outbox_pending_events{${ALL}}[10m])) > 0`,
    for: '10m',
    severity: 'warning',
    summary: '{{ $labels.service }} 待发布事件持续增长 (outbox backlog growing): NATS 或发布异常',
  },
  {
    alert: 'HnOutboxStale',
    expr: `max by (service) (outbox_oldest_pending_age_seconds{${ALL}}) > 300`,
    for: '5m',
    severity: 'critical',
    summary: '{{ $labels.service }} 有事件超过 5 分钟未发布 (an event waits over 5 min for JetStream)',
  },
  {
    alert: 'HnConsumerLagHigh',
    expr: `max by (service, stream, durable) (jetstream_consumer_pending_messages{${ALL}}) > 1000`,
    for: '10m',
    severity: 'warning',
    summary: '{{ $labels.service }} 消费者 {{ $labels.durable }} 积压超过 1000 条 (consumer lag)',
  },
  {
    alert: 'HnExchangeDeadLetters',
    expr: `max(exchange_deliveries{service="exchange",state="DEAD"}) > 0`,
    for: '15m',
    severity: 'warning',
    summary:
      '数据推送有死信 (dead letters): 接收平台 72 小时未收下事件，核查后重新排队 (requeue after checking the receiver)',
  },
  {
    alert: 'HnNatsDisconnected',
    expr: `min by (service, pod, connection) (nats_connection_up{${ALL}}) == 0`,
    for: '1m',
    severity: 'critical',
    summary: '{{ $labels.service }} {{ $labels.pod }} NATS 连接 {{ $labels.connection }} 断开 (NATS connection down)',
  },
];
