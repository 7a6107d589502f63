import { ExchangeSimulatorProcess, SimulatorReport } from './support/exchange-simulator';
import { permitBody, presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

interface Subscriber {
  id: string;
  state: string;
  signing: string;
  verificationKeys: string[];
  secret?: string;
  disabledReason: string | null;
}

interface Delivery {
  eventId: string;
  state: string;
  attempts: number;
  history: Array<{ attempt: number; status: number | null; error: string | null }>;
}

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; reason: string }>;
}

const PERMIT = '430223202406200101';
const PASSWORD = 'Exchange2024ok';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * 数据推送 end to end: the platform's processes (permits, presale, exchange, gateway), two receiver
 * simulators on 127.0.0.1 (`npm run exchange-sim`) verifying every signature independently.
 */
describe('data exchange: subscriber registry, signed webhooks, retries, replay and pull', () => {
  let platform: TestPlatform;
  let simA: ExchangeSimulatorProcess;
  let simB: ExchangeSimulatorProcess;
  let admin = '';
  let issuer = '';
  let puller = '';
  let pullClientId = '';
  let subA: Subscriber;
  let subB: Subscriber;
  let serial = 0;
  const issued: Array<{ presaleNumber: string }> = [];

  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.body) headers.set('content-type', 'application/json');
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const json = async <T>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 400)}`).toMatch(new RegExp(`^${status} `));
    return JSON.parse(text) as T;
  };
  const register = (body: Record<string, unknown>): Promise<Response> =>
    api('/api/v1/admin/exchange/subscribers', { method: 'POST', token: admin, body: JSON.stringify(body) });
  const base = (url: string): Record<string, unknown> => ({
    name: '省政务数据共享交换平台（测试）',
    kind: 'DATA_SHARING',
    delivery: { mode: 'WEBHOOK', url },
    eventTypes: ['hn.presale.permit.issued.v1', 'hn.presale.permit.corrected.v1'],
    dataView: ['presaleNumber', 'projectName', 'issueDate', 'developer', 'regionCode'],
  });
  const issue = async (): Promise<string> => {
    serial++;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await api('/api/v1/presale-permits', {
        method: 'POST',
        token: issuer,
        headers: { 'idempotency-key': `exchange-e2e-${serial}` },
        body: JSON.stringify(presaleSubmission({ localCertificateNumber: `攸住建预字〔2024〕第${300 + serial}号` })),
      });
      const text = await res.text();
      if (res.status === 201) {
        const body = JSON.parse(text) as { presaleNumber: string };
        issued.push(body);
        return body.presaleNumber;
      }
      if (Date.now() > deadline) throw new Error(`issuance: ${res.status} ${text}`);
      await sleep(200);
    }
  };
  const waitFor = async (sim: ExchangeSimulatorProcess, done: (r: SimulatorReport) => boolean, ms = 30_000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const report = await sim.report();
      if (done(report)) return report;
      if (Date.now() > deadline)
        throw new Error(`simulator did not get there: ${JSON.stringify(report).slice(0, 600)}`);
      await sleep(100);
    }
  };
  const deliveries = async (id: string): Promise<Delivery[]> =>
    (
      await json<{ items: Delivery[] }>(
        await api(`/api/v1/admin/exchange/subscribers/${id}/deliveries`, { token: admin }),
        200,
      )
    ).items;

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'exchange'], {
      env: { EXCHANGE_RETRY_BASE_MS: '300', EXCHANGE_RETRY_MAX_MS: '1500', EXCHANGE_POLL_MS: '50' },
    });
    [simA, simB] = await Promise.all([ExchangeSimulatorProcess.start(), ExchangeSimulatorProcess.start()]);
    await platform.createStaff('exchange.admin', PASSWORD, 'ADMIN', '430000');
    admin = await platform.staffToken('exchange.admin', PASSWORD, '10.66.0.1');
    const writer = await platform.token(await platform.createIntegrator(['430200'], ['approval:write']));
    issuer = await platform.token(
      await platform.createIntegrator(['430200'], ['presale:issue'], ['--rate-limit', '100000']),
    );
    const pull = await platform.createIntegrator(['430000'], ['exchange:read']);
    pullClientId = pull.clientId;
    puller = await platform.token(pull);
    const put = await api(`/api/v1/approval/construction-permits/${PERMIT}`, {
      method: 'PUT',
      token: writer,
      body: JSON.stringify(permitBody()),
    });
    expect(`${put.status} ${await put.text()}`).toMatch(/^201 /);
  });

  afterAll(async () => {
    console.log(platform?.services.get('exchange')?.output.join('').slice(-6000));
    await simA?.stop();
    await simB?.stop();
    await platform?.stop();
  });

  it('refuses at registration: a host not on the allowlist, unknown event types and data-view fields (422 listing allowed values)', async () => {
    const outside = await json<Problem>(await register(base('https://gxpt.example/hn')), 422);
    expect(outside.errors).toEqual([
      { field: 'delivery.url', reason: expect.stringContaining('127.0.0.1, localhost') },
    ]);
    const metadata = await json<Problem>(await register(base('http://169.254.169.254/latest/meta-data')), 422);
    expect(metadata.errors?.map((e) => e.field)).toEqual(['delivery.url']);
    const bad = await json<Problem>(
      await register({
        ...base(simA.url),
        eventTypes: ['hn.contracts.filing.filed.v1'],
        dataView: ['presaleNumber', 'buyers'],
      }),
      422,
    );
    expect(bad.errors).toEqual([
      { field: 'eventTypes[0]', reason: expect.stringContaining('hn.presale.permit.issued.v1') },
      { field: 'dataView[1]', reason: expect.stringContaining('projectName') },
    ]);
    const list = await json<{ items: unknown[] }>(
      await api('/api/v1/admin/exchange/subscribers', { token: admin }),
      200,
    );
    expect(list.items).toEqual([]);
    // 数据目录: the fields a data view may choose, public, no buyer data
    const catalogue = await json<{
      resources: Array<{ resource: string; fields: Array<{ field: string; nameZh: string }> }>;
    }>(await api('/api/v1/exchange/catalogue'), 200);
    expect(catalogue.resources.map((r) => r.resource)).toEqual([
      'PRESALE_PERMIT',
      'SIGNING_STATISTIC',
      'ESCROW_RECORD',
    ]);
    const fields = catalogue.resources.flatMap((r) => r.fields.map((f) => f.field));
    expect(fields).toEqual(
      expect.arrayContaining(['presaleNumber', 'projectName', 'developer', 'escrow.balance', 'signingStatistic.month']),
    );
    expect(fields.some((f) => /buyer|idNumber|phone|mobile|enteredBy|submittedBy/i.test(f))).toBe(false);
    expect(catalogue.resources.every((r) => r.fields.every((f) => f.nameZh.length > 0))).toBe(true);
  });

  it('registers subscribers (v1a by default, v1 HMAC on request, the secret shown once), bound to a pull credential', async () => {
    subA = await json<Subscriber>(await register({ ...base(simA.url), pullClientId }), 201);
    expect(subA).toMatchObject({ state: 'ACTIVE', signing: 'v1a' });
    expect(subA.verificationKeys).toEqual([expect.stringMatching(/^whpk_/)]);
    expect(subA.secret).toBeUndefined();
    await simA.keys({ publicKeys: subA.verificationKeys });
    subB = await json<Subscriber>(
      await register({ ...base(simB.url), name: '省财政一体化平台（测试）', kind: 'FISCAL', signing: 'v1' }),
      201,
    );
    expect(subB.secret).toMatch(/^whsec_/);
    await simB.keys({ secrets: [subB.secret!] });
    const again = await json<Subscriber>(
      await api(`/api/v1/admin/exchange/subscribers/${subB.id}`, { token: admin }),
      200,
    );
    expect(again.secret).toBeUndefined();
  });

  it('a presale issuance reaches both receivers signed, verified (v1a with node:crypto, v1 with standardwebhooks) and projected', async () => {
    const number = await issue();
    const a = await waitFor(simA, (r) => r.distinct >= 1);
    const b = await waitFor(simB, (r) => r.distinct >= 1);
    expect(a.events[0]).toMatchObject({ type: 'hn.presale.permit.issued.v1', subject: number, scheme: 'v1a' });
    expect(b.events[0]).toMatchObject({ id: a.events[0].id, subject: number, scheme: 'v1' });
    expect(a.badSignatures + b.badSignatures).toBe(0);
    const [delivery] = await deliveries(subA.id);
    expect(delivery).toMatchObject({ eventId: a.events[0].id, state: 'DELIVERED', attempts: 1 });
  });

  it('retries a 500 with backoff, one recorded attempt each, then delivers', async () => {
    await simA.fault({ mode: '500', count: 2 });
    await issue();
    const report = await waitFor(simA, (r) => r.distinct >= 2);
    const id = report.events[1].id;
    const delivery = (await deliveries(subA.id)).find((d) => d.eventId === id)!;
    expect(delivery.state).toBe('DELIVERED');
    expect(delivery.history.map((h) => h.status)).toEqual([500, 500, 200]);
    expect(report.duplicates).toBe(0);
  });

  it('a 429 with Retry-After slows the subscriber down for that long', async () => {
    // 1 s: above the backoff (≤ 300 ms here), within EXCHANGE_RETRY_MAX_MS (1.5 s here), which bounds a Retry-After
    await simA.fault({ mode: '429', count: 1, retryAfter: 1 });
    const before = (await simA.report()).distinct;
    const started = Date.now();
    await issue();
    const report = await waitFor(simA, (r) => r.distinct > before);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const delivery = (await deliveries(subA.id)).find((d) => d.eventId === report.events[before].id)!;
    expect(delivery.history.map((h) => h.status)).toEqual([429, 200]);
  });

  it('a 410 Gone disables the subscriber; nothing more is sent until it is resumed', async () => {
    await simB.fault({ mode: '410' });
    await issue();
    const deadline = Date.now() + 20_000;
    let sub: Subscriber;
    do {
      await sleep(200);
      sub = await json<Subscriber>(await api(`/api/v1/admin/exchange/subscribers/${subB.id}`, { token: admin }), 200);
    } while (sub.state !== 'DISABLED' && Date.now() < deadline);
    expect(sub).toMatchObject({ state: 'DISABLED', disabledReason: expect.stringContaining('410') });
    const before = (await simB.report()).requests;
    await sleep(1500);
    expect((await simB.report()).requests).toBe(before);
    // resumed: the pending event is delivered
    await simB.fault({ mode: 'none' });
    await json(
      await api(`/api/v1/admin/exchange/subscribers/${subB.id}`, {
        method: 'PATCH',
        token: admin,
        body: JSON.stringify({ state: 'ACTIVE' }),
      }),
      200,
    );
    await waitFor(simB, (r) => r.distinct >= 3);
  });

  it('loses nothing over a receiver outage of some seconds, in order per presale number', async () => {
    await simA.fault({ mode: 'down', durationMs: 4000 });
    for (let i = 0; i < 3; i++) await issue();
    const report = await waitFor(simA, (r) => r.distinct >= issued.length, 40_000);
    expect(new Set(report.events.map((e) => e.subject))).toEqual(new Set(issued.map((i) => i.presaleNumber)));
    expect(report.orderViolations).toBe(0);
    expect(report.badSignatures).toBe(0);
  });

  it('replays exactly the chosen time range', async () => {
    const before = await simA.report();
    const chosen = before.events.slice(1, 3);
    const times = chosen.map((e) => e.time).sort();
    const res = await api(`/api/v1/admin/exchange/subscribers/${subA.id}/replay`, {
      method: 'POST',
      token: admin,
      body: JSON.stringify({ from: times[0], to: times[times.length - 1] }),
    });
    const inRange = before.events.filter((e) => e.time >= times[0] && e.time <= times[times.length - 1]);
    expect(await json<{ queued: number }>(res, 200)).toEqual({ queued: inRange.length });
    const after = await waitFor(simA, (r) => r.arrivals.length >= before.arrivals.length + inRange.length);
    await sleep(500);
    const again = (await simA.report()).arrivals.slice(before.arrivals.length);
    expect(again.sort()).toEqual(inRange.map((e) => e.id).sort());
    expect(after.orderViolations).toBe(0);
    const future = await api(`/api/v1/admin/exchange/subscribers/${subA.id}/replay`, {
      method: 'POST',
      token: admin,
      body: JSON.stringify({ from: '2020-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z' }),
    });
    expect(new Set((await json<Problem>(future, 422)).errors?.map((e) => e.field))).toEqual(new Set(['to']));
  });

  it('the pull API returns the same ids with a cursor, only to the bound credential', async () => {
    const pushed = (await simA.report()).events.map((e) => e.id);
    const first = await json<{
      items: Array<{ id: string; data: { permit: Record<string, unknown> } }>;
      nextCursor: string;
    }>(await api('/api/v1/exchange/events?limit=2', { token: puller }), 200);
    expect(first.items).toHaveLength(2);
    expect(Object.keys(first.items[0].data.permit).sort()).toEqual(
      ['developer', 'issueDate', 'presaleNumber', 'projectName', 'regionCode'].sort(),
    );
    const rest = await json<{ items: Array<{ id: string }>; nextCursor: string }>(
      await api(`/api/v1/exchange/events?cursor=${first.nextCursor}&limit=500`, { token: puller }),
      200,
    );
    expect([...first.items, ...rest.items].map((e) => e.id).sort()).toEqual([...pushed].sort());
    const end = await json<{ items: unknown[]; nextCursor: string }>(
      await api(`/api/v1/exchange/events?cursor=${rest.nextCursor}`, { token: puller }),
      200,
    );
    expect(end).toEqual({ items: [], nextCursor: rest.nextCursor });
    const stranger = await platform.token(await platform.createIntegrator(['430000'], ['exchange:read']));
    expect((await api('/api/v1/exchange/events', { token: stranger })).status).toBe(403);
    expect((await api('/api/v1/exchange/events', { token: issuer })).status).toBe(403);
  });
  it('audits every ADMIN change with before / after and never a secret', async () => {
    const res = await api(
      `/api/v1/audit?pageSize=100&action=${encodeURIComponent('PATCH /api/v1/admin/exchange/subscribers/:subscriberId')}`,
      {
        token: admin,
      },
    );
    const { items } = await json<{
      items: Array<{ actor: string; target: string; before: { state: string }; after: { state: string } }>;
    }>(res, 200);
    expect(items).toContainEqual(
      expect.objectContaining({
        actor: 'exchange.admin',
        target: `subscriberId=${subB.id}`,
        before: expect.objectContaining({ state: 'DISABLED' }),
        after: expect.objectContaining({ state: 'ACTIVE' }),
      }),
    );
    const created = await api(
      `/api/v1/audit?pageSize=100&action=${encodeURIComponent('POST /api/v1/admin/exchange/subscribers')}`,
      {
        token: admin,
      },
    );
    const text = await created.text();
    expect(text).toContain(subB.id);
    expect(text).not.toContain(subB.secret!.slice(6));
  });

  it('loses nothing when the exchange service is killed (kill -9) while events wait', async () => {
    const exchange = platform.services.get('exchange')!;
    await simA.fault({ mode: '500' });
    const before = (await simA.report()).distinct;
    await issue();
    await issue();
    await sleep(800);
    exchange.process!.kill('SIGKILL');
    await new Promise((r) => exchange.process!.once('exit', r));
    exchange.process = null;
    await simA.fault({ mode: 'none' });
    await platform.startService('exchange');
    const report = await waitFor(simA, (r) => r.distinct >= before + 2, 60_000);
    expect(new Set(report.events.map((e) => e.subject))).toEqual(new Set(issued.map((i) => i.presaleNumber)));
    expect(report.orderViolations).toBe(0);
  });

  it('the operator command lists and pauses subscribers with the same rules', async () => {
    const listed = (await platform.cli('exchange:subscriber', ['list'])).trim().split('\n');
    expect(listed.map((l) => (JSON.parse(l) as { id: string }).id).sort()).toEqual([subA.id, subB.id].sort());
    const paused = JSON.parse(await platform.cli('exchange:subscriber', ['pause', '--id', subB.id])) as Subscriber;
    expect(paused.state).toBe('PAUSED');
    await expect(
      platform.cli('exchange:subscriber', [
        'create',
        '--name',
        'x',
        '--kind',
        'OTHER',
        '--url',
        'https://gxpt.example/',
        '--events',
        'hn.presale.permit.issued.v1',
        '--fields',
        'presaleNumber',
      ]),
    ).rejects.toThrow(/delivery\.url/);
  });

  it('a paused subscriber queues its events and receives them in order when resumed', async () => {
    const before = (await simB.report()).distinct;
    const number = await issue();
    await sleep(1000);
    expect((await simB.report()).distinct).toBe(before);
    await json(
      await api(`/api/v1/admin/exchange/subscribers/${subB.id}`, {
        method: 'PATCH',
        token: admin,
        body: JSON.stringify({ state: 'ACTIVE' }),
      }),
      200,
    );
    const report = await waitFor(simB, (r) => r.events.some((e) => e.subject === number));
    expect(report.orderViolations).toBe(0);
    expect(report.badSignatures).toBe(0);
  });

  it('loses nothing over a NATS restart: the durable consumer picks up where it was', async () => {
    const before = (await simA.report()).distinct;
    await issue();
    await platform.stopNats();
    await sleep(3000);
    await platform.startNats();
    await issue(); // retried until the gateway and presale are connected again
    const report = await waitFor(simA, (r) => r.distinct >= before + 2, 60_000);
    expect(new Set(report.events.map((e) => e.subject))).toEqual(new Set(issued.map((i) => i.presaleNumber)));
    expect(report.orderViolations).toBe(0);
  });
});
