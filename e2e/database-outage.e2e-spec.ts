import { TcpProxy } from '@hn/testing';
import { permitBody } from './support/fixtures';
import { TestPlatform } from './support/platform';

const PERMIT = '430223202406200101';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Postgres unavailable (restart, failover): every service and the gateway reach the database
 * through a TCP proxy of this suite, so the machine's shared Postgres is never restarted; cutting
 * the proxy makes the database refuse connections and drops the open ones, as a restart does.
 */
describe('Postgres unavailable → 503 DATABASE_UNAVAILABLE with Retry-After, then recovery', () => {
  let platform: TestPlatform;
  let proxy: TcpProxy;
  let token = '';
  let credential = { clientId: '', clientSecret: '' };

  const api = (path: string, init: RequestInit = {}): Promise<Response> => fetch(`${platform.gatewayUrl}${path}`, init);
  const requests = (): Array<[string, () => Promise<Response>]> => [
    [
      'permit lookup (permits service)',
      () => api(`/api/v1/construction-permits/${PERMIT}`, { headers: { authorization: `Bearer ${token}` } }),
    ],
    [
      'permit search (permits service)',
      () =>
        api('/api/v1/construction-permits?projectName=%E9%94%A6%E7%BB%A3', {
          headers: { authorization: `Bearer ${token}` },
        }),
    ],
    [
      'approval push (permits service, write)',
      () =>
        api(`/api/v1/approval/construction-permits/${PERMIT}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(permitBody({ projectName: '锦绣星城三期（22#栋）改' })),
        }),
    ],
    [
      'token (gateway database)',
      () =>
        api('/api/v1/oauth/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            grant_type: 'client_credentials',
            client_id: credential.clientId,
            client_secret: credential.clientSecret,
          }),
        }),
    ],
  ];

  beforeAll(async () => {
    const server = new URL(process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    proxy = await TcpProxy.start(server.hostname, Number(server.port || 5432));
    server.host = `127.0.0.1:${proxy.port}`;
    platform = await TestPlatform.start(['permits'], {
      env: { DATABASE_URL: server.toString(), GATEWAY_PERMIT_CACHE_TTL_MS: '0' },
    });
    credential = await platform.createIntegrator(['430200'], ['permits:read', 'approval:write']);
    token = await platform.token(credential);
    const put = await api(`/api/v1/approval/construction-permits/${PERMIT}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(permitBody()),
    });
    expect(`${put.status} ${await put.text()}`).toMatch(/^201 /);
  });

  afterAll(async () => {
    await proxy?.restore();
    await platform?.stop();
    await proxy?.close();
  });

  it('answers 503 problem+json DATABASE_UNAVAILABLE with Retry-After while the database is gone, never 500', async () => {
    await proxy.cut();
    const answers: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [name, send] of requests()) {
        const res = await send();
        const problem = (await res.json()) as { code?: string };
        answers.push(
          `${name}: ${res.status} ${problem.code} retry-after=${res.headers.get('retry-after')} ${res.headers.get('content-type')?.split(';')[0]}`,
        );
      }
    }
    console.log(`database outage: ${answers.length} requests\n${[...new Set(answers)].join('\n')}`);
    expect(
      answers.filter((a) => !/: 503 DATABASE_UNAVAILABLE retry-after=\d+ application\/problem\+json$/.test(a)),
    ).toEqual([]);
    expect(platform.services.get('permits')!.process!.exitCode).toBeNull();
    expect(platform.services.get('gateway')!.process!.exitCode).toBeNull();
  });

  it('serves again once the database is back (the pools reconnect)', async () => {
    await proxy.restore();
    const deadline = Date.now() + 20_000;
    for (const [name, send] of requests()) {
      for (;;) {
        const res = await send();
        const text = await res.text();
        if (res.status < 300) break;
        if (Date.now() > deadline) throw new Error(`${name} did not recover: ${res.status} ${text}`);
        await sleep(250);
      }
    }
  });
});
