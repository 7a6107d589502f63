import { execFile } from 'node:child_process';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ExchangeSimulatorProcess } from './support/exchange-simulator';
import { permitBody, presaleSubmission } from './support/fixtures';
import { ContractsEvents, EscrowEvents } from '@hn/messages';
import { TestPlatform } from './support/platform';

const execFileAsync = promisify(execFile);
const ROOT = join(__dirname, '..');
const PERMIT = '430223202406200101';
const PASSWORD = 'Manifest2024ok';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const chinaToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

interface Manifest {
  subscriberId: string;
  date: string;
  final: boolean;
  count: number;
  merkleRoot: string;
  eventIds: string[];
  signature: { alg: string; keyId: string; value: string };
}

/** `npm run exchange:verify` as a receiver runs it: its exit code and what it printed. */
async function verify(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await execFileAsync('npm', ['run', '--silent', 'exchange:verify', '--', ...args], { cwd: ROOT });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/**
 * 每日完整性清单 end to end: events issued through the gateway reach a webhook receiver (the simulator)
 * and a pull subscriber; the day's signed manifest — ADMIN route and the subscriber's own credential —
 * verifies for a receiver that got everything and names the event a receiver lacks.
 */
describe('data exchange: daily signed completeness manifests, replay by stream sequence, file drop', () => {
  let platform: TestPlatform;
  let sim: ExchangeSimulatorProcess;
  let admin = '';
  let issuer = '';
  let puller = '';
  let stranger = '';
  let webhookId = '';
  let pullId = '';
  let key = '';
  let dir = '';
  let dropRoot = '';
  let dropId = '';

  const api = (path: string, token: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (init.body) headers.set('content-type', 'application/json');
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const json = async <T>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect(`${res.status} ${text.slice(0, 400)}`).toMatch(new RegExp(`^${status} `));
    return JSON.parse(text) as T;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hn-manifest-'));
    dropRoot = mkdtempSync(join(tmpdir(), 'hn-drop-'));
    platform = await TestPlatform.start(['permits', 'presale', 'exchange'], {
      env: { EXCHANGE_POLL_MS: '50', EXCHANGE_DROP_ROOT: dropRoot },
    });
    sim = await ExchangeSimulatorProcess.start();
    await platform.createStaff('manifest.admin', PASSWORD, 'ADMIN', '430000');
    admin = await platform.staffToken('manifest.admin', PASSWORD, '10.66.0.2');
    const writer = await platform.token(await platform.createIntegrator(['430200'], ['approval:write']));
    issuer = await platform.token(
      await platform.createIntegrator(['430200'], ['presale:issue'], ['--rate-limit', '100000']),
    );
    const pull = await platform.createIntegrator(['430000'], ['exchange:read']);
    puller = await platform.token(pull);
    stranger = await platform.token(await platform.createIntegrator(['430000'], ['exchange:read']));
    await json(
      await api(`/api/v1/approval/construction-permits/${PERMIT}`, writer, {
        method: 'PUT',
        body: JSON.stringify(permitBody()),
      }),
      201,
    );
    const register = async (body: Record<string, unknown>) =>
      json<{ id: string; verificationKeys: string[] }>(
        await api('/api/v1/admin/exchange/subscribers', admin, { method: 'POST', body: JSON.stringify(body) }),
        201,
      );
    const common = {
      kind: 'DATA_SHARING',
      eventTypes: ['hn.presale.permit.issued.v1'],
      dataView: ['presaleNumber', 'projectName'],
    };
    const hook = await register({ ...common, name: '清单测试 webhook', delivery: { mode: 'WEBHOOK', url: sim.url } });
    const pulled = await register({
      ...common,
      name: '清单测试 pull',
      delivery: { mode: 'PULL' },
      pullClientId: pull.clientId,
    });
    const drop = await register({
      ...common,
      name: '清单测试 前置机',
      delivery: { mode: 'FILE_DROP', directory: 'gxpt' },
    });
    dropId = drop.id;
    webhookId = hook.id;
    pullId = pulled.id;
    key = hook.verificationKeys[0];
    await sim.keys({ publicKeys: hook.verificationKeys });
  });

  afterAll(async () => {
    await sim?.stop();
    await platform?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (dropRoot) rmSync(dropRoot, { recursive: true, force: true });
  });

  it('a receiver that got every event of the day verifies; one that missed an event is told which', async () => {
    for (let i = 1; i <= 3; i++) {
      const res = await api('/api/v1/presale-permits', issuer, {
        method: 'POST',
        headers: { 'idempotency-key': `manifest-e2e-${i}` },
        body: JSON.stringify(presaleSubmission({ localCertificateNumber: `攸住建预字〔2024〕第${700 + i}号` })),
      });
      expect(`${res.status} ${await res.text()}`).toMatch(/^201 /);
    }
    const deadline = Date.now() + 30_000;
    let report = await sim.report();
    while (report.distinct < 3 && Date.now() < deadline) {
      await sleep(100);
      report = await sim.report();
    }
    expect(report).toMatchObject({ distinct: 3, badSignatures: 0, orderViolations: 0 });

    const date = chinaToday();
    const manifest = await json<Manifest>(
      await api(`/api/v1/admin/exchange/subscribers/${webhookId}/manifests?date=${date}`, admin),
      200,
    );
    expect(manifest).toMatchObject({ subscriberId: webhookId, date, final: false, count: 3 });
    expect(manifest.signature).toMatchObject({ alg: 'Ed25519', keyId: key });
    expect([...manifest.eventIds].sort()).toEqual(report.events.map((e) => e.id).sort());

    const manifestFile = join(dir, 'manifest.json');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const all = join(dir, 'received.ndjson');
    writeFileSync(all, report.events.map((e) => JSON.stringify(e)).join('\n'));
    const ok = await verify(['--manifest', manifestFile, '--events', all, '--public-key', key]);
    expect(ok.out).toContain('结果：完整，签名有效');
    expect(ok.code).toBe(0);

    const withheld = manifest.eventIds[1];
    const partial = join(dir, 'partial.ndjson');
    writeFileSync(
      partial,
      report.events
        .filter((e) => e.id !== withheld)
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    const missing = await verify(['--manifest', manifestFile, '--events', partial, '--public-key', key]);
    expect(missing.out).toContain(`问题 缺少事件 ${withheld}（清单第 2 条）`);
    expect(missing.out).toContain('结果：发现 1 个问题');
    expect(missing.code).toBe(1);

    // a manifest altered after signing is refused
    const forged = join(dir, 'forged.json');
    writeFileSync(
      forged,
      JSON.stringify({ ...manifest, count: 2, eventIds: manifest.eventIds.filter((id) => id !== withheld) }),
    );
    const refused = await verify(['--manifest', forged, '--events', partial, '--public-key', key]);
    expect(refused.out).toContain('签名验证失败');
    expect(refused.code).toBe(1);
  });

  it('a file-drop subscriber gets each event as one file: ordered names, the same ids and signatures, verifiable', async () => {
    const folder = join(dropRoot, 'gxpt');
    const deadline = Date.now() + 30_000;
    const files = (): string[] => {
      try {
        return readdirSync(folder).sort();
      } catch {
        return [];
      }
    };
    while (files().length < 3 && Date.now() < deadline) await sleep(100);
    const names = files();
    expect(names).toHaveLength(3);
    expect(names.every((n) => /^\d{16}-[0-9a-f-]{36}\.json$/.test(n))).toBe(true);
    const raw = Buffer.from(key.replace(/^whpk_/, ''), 'base64');
    const publicKey = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
      format: 'der',
      type: 'spki',
    });
    const dropped = names.map((n) => JSON.parse(readFileSync(join(folder, n), 'utf8')) as Record<string, string>);
    for (const f of dropped) {
      const content = Buffer.from(`${f['webhook-id']}.${f['webhook-timestamp']}.${f.body}`);
      const [scheme, sig] = f['webhook-signature'].split(' ')[0].split(',');
      expect(scheme).toBe('v1a');
      expect(verifySignature(null, content, publicKey, Buffer.from(sig, 'base64'))).toBe(true);
      expect(JSON.parse(f.body).id).toBe(f['webhook-id']);
    }
    // names in stream order, the same ids the webhook receiver got
    const manifest = await json<Manifest>(
      await api(`/api/v1/admin/exchange/subscribers/${dropId}/manifests?date=${chinaToday()}`, admin),
      200,
    );
    expect(dropped.map((f) => f['webhook-id'])).toEqual(manifest.eventIds);
    expect([...manifest.eventIds].sort()).toEqual((await sim.report()).events.map((e) => e.id).sort());
    const manifestFile = join(dir, 'drop-manifest.json');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const ok = await verify(['--manifest', manifestFile, '--events', folder, '--public-key', key]);
    expect(ok.out).toContain('结果：完整，签名有效');
    expect(ok.code).toBe(0);
  });

  it('the subscriber’s own credential gets its manifest, the same ids as it pulled; others are refused', async () => {
    const date = chinaToday();
    const own = await json<Manifest>(await api(`/api/v1/exchange/manifests?date=${date}`, puller), 200);
    expect(own).toMatchObject({ subscriberId: pullId, date, final: false, count: 3 });
    const page = await json<{ items: Array<{ id: string }> }>(
      await api('/api/v1/exchange/events?limit=50', puller),
      200,
    );
    expect(own.eventIds).toEqual(page.items.map((e) => e.id));
    const pulledFile = join(dir, 'pulled.json');
    writeFileSync(pulledFile, JSON.stringify(page.items));
    const manifestFile = join(dir, 'own.json');
    writeFileSync(manifestFile, JSON.stringify(own));
    const ok = await verify(['--manifest', manifestFile, '--events', pulledFile, '--public-key', key]);
    expect(ok.code).toBe(0);

    expect((await api(`/api/v1/exchange/manifests?date=${date}`, stranger)).status).toBe(403);
    const bad = await json<{ code: string; errors: Array<{ field: string }> }>(
      await api('/api/v1/exchange/manifests?date=2026-02-30', puller),
      422,
    );
    expect(bad).toMatchObject({ code: 'INCOMPLETE_SUBMISSION', errors: [{ field: 'date' }] });
    const future = await json<{ errors: Array<{ reason: string }> }>(
      await api(`/api/v1/admin/exchange/subscribers/${webhookId}/manifests?date=2099-01-01`, admin),
      422,
    );
    expect(future.errors[0].reason).toContain('不能晚于今天');
  });

  it('replays exactly a stream-sequence range: the same ids as pushed, pulled and in the manifest', async () => {
    const deliveries = await json<{ items: Array<{ eventId: string; streamSequence: number }> }>(
      await api(`/api/v1/admin/exchange/subscribers/${webhookId}/deliveries`, admin),
      200,
    );
    const bySeq = [...deliveries.items].sort((a, b) => a.streamSequence - b.streamSequence);
    expect(bySeq).toHaveLength(3);
    const chosen = bySeq.slice(1);
    const before = await sim.report();
    const replay = (body: Record<string, unknown>) =>
      api(`/api/v1/admin/exchange/subscribers/${webhookId}/replay`, admin, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    const result = await json<{ queued: number }>(
      await replay({
        fromSequence: chosen[0].streamSequence,
        toSequence: chosen[1].streamSequence,
        stream: 'HN_PRESALE',
      }),
      200,
    );
    expect(result.queued).toBe(2);
    const deadline = Date.now() + 30_000;
    let after = await sim.report();
    while (after.requests < before.requests + 2 && Date.now() < deadline) {
      await sleep(100);
      after = await sim.report();
    }
    // two presale numbers: in parallel, so in either order
    expect(after.arrivals.slice(before.arrivals.length).sort()).toEqual(chosen.map((d) => d.eventId).sort());
    expect(after).toMatchObject({ distinct: 3, duplicates: before.duplicates + 2, badSignatures: 0 });
    await sleep(500);
    expect((await sim.report()).requests).toBe(before.requests + 2);
    // the same ids over pull and in the day's manifest
    const page = await json<{ items: Array<{ id: string }> }>(
      await api('/api/v1/exchange/events?limit=50', puller),
      200,
    );
    expect(page.items.map((e) => e.id)).toEqual(bySeq.map((d) => d.eventId));
    const manifest = await json<Manifest>(
      await api(`/api/v1/admin/exchange/subscribers/${webhookId}/manifests?date=${chinaToday()}`, admin),
      200,
    );
    expect(manifest.eventIds).toEqual(bySeq.map((d) => d.eventId));

    // a file drop replayed: the same names rewritten, nothing new
    const folder = join(dropRoot, 'gxpt');
    const namesBefore = readdirSync(folder).sort();
    const dropReplay = await api(`/api/v1/admin/exchange/subscribers/${dropId}/replay`, admin, {
      method: 'POST',
      body: JSON.stringify({ fromSequence: chosen[0].streamSequence, toSequence: chosen[1].streamSequence }),
    });
    expect((await json<{ queued: number }>(dropReplay, 200)).queued).toBe(2);
    const until = Date.now() + 30_000;
    const redelivered = async () =>
      (
        await json<{ items: Array<{ eventId: string; state: string; attempts: number }> }>(
          await api(`/api/v1/admin/exchange/subscribers/${dropId}/deliveries`, admin),
          200,
        )
      ).items.filter((d) => d.state === 'DELIVERED' && d.attempts === 2);
    while ((await redelivered()).length < 2 && Date.now() < until) await sleep(100);
    expect((await redelivered()).map((d) => d.eventId).sort()).toEqual(chosen.map((d) => d.eventId).sort());
    expect(readdirSync(folder).sort()).toEqual(namesBefore);

    const last = bySeq[2].streamSequence;
    const future = await json<{ errors: Array<{ field: string; reason: string }> }>(
      await replay({ fromSequence: last, toSequence: last + 1000 }),
      422,
    );
    expect(future.errors).toEqual([{ field: 'toSequence', reason: expect.stringContaining(`${last}`) }]);
    const both = await json<{ errors: Array<{ field: string }> }>(
      await replay({ from: '2026-12-01T00:00:00Z', to: '2026-12-01T01:00:00Z', fromSequence: 1, toSequence: 2 }),
      422,
    );
    expect(both.errors.map((e) => e.field)).toEqual(['fromSequence']);
  });

  it('pushes signing statistics and escrow records like the permits: signed, in order per presale number, on the data view', async () => {
    const types = [
      'hn.contracts.statistics.reported.v1',
      'hn.escrow.record.recorded.v1',
      'hn.escrow.record.corrected.v1',
    ];
    const body = {
      kind: 'CREDIT',
      eventTypes: types,
      dataView: ['escrow.balance', 'escrow.bank', 'signingStatistic.month', 'signingStatistic.contractsSigned'],
    };
    const hook = await json<{ id: string }>(
      await api('/api/v1/admin/exchange/subscribers', admin, {
        method: 'POST',
        body: JSON.stringify({ ...body, name: '社会信用平台（测试）', delivery: { mode: 'WEBHOOK', url: sim.url } }),
      }),
      201,
    );
    await json(
      await api('/api/v1/admin/exchange/subscribers', admin, {
        method: 'POST',
        body: JSON.stringify({
          ...body,
          name: '社会信用平台 前置机',
          delivery: { mode: 'FILE_DROP', directory: 'credit' },
        }),
      }),
      201,
    );
    const number = '430223202406200101-Y09';
    const record = {
      presaleNumber: number,
      regionCode: '430223',
      projectName: '锦绣星城三期',
      balance: 8_765_432_100,
      bank: '中国建设银行攸县支行',
      account: '43050162123400000123',
      enteredBy: 'youxian.one',
    };
    const before = await sim.report();
    const published = [
      await platform.publishEvent(
        { name: ContractsEvents.stream, subjects: ContractsEvents.streamSubjects },
        {
          source: '/hn/contracts',
          type: types[0],
          subject: number,
          data: {
            statistic: { presaleNumber: number, month: '2026-11', contractsSigned: 3, submittedBy: 'youxian.one' },
          },
        },
      ),
      await platform.publishEvent(
        { name: EscrowEvents.stream, subjects: EscrowEvents.streamSubjects },
        { source: '/hn/escrow', type: types[1], subject: number, data: { record } },
      ),
      await platform.publishEvent(
        { name: EscrowEvents.stream, subjects: EscrowEvents.streamSubjects },
        {
          source: '/hn/escrow',
          type: types[2],
          subject: number,
          data: {
            recordType: 'ESCROW',
            after: { ...record, balance: 1_000 },
            before: record,
            reason: '笔误',
            documentNumber: '湘建〔2026〕9号',
            correctedBy: 'admin.one',
            correctedAt: '2026-12-01T00:00:00.000Z',
          },
        },
      ),
    ];
    // a contract filing (buyers) on the same stream is never taken
    await platform.publishEvent(
      { name: ContractsEvents.stream, subjects: ContractsEvents.streamSubjects },
      { source: '/hn/contracts', type: 'hn.contracts.filing.filed.v1', subject: number, data: { filing: {} } },
    );
    const deadline = Date.now() + 30_000;
    let after = await sim.report();
    while (after.distinct < before.distinct + 3 && Date.now() < deadline) {
      await sleep(100);
      after = await sim.report();
    }
    expect(after.arrivals.slice(before.arrivals.length)).toEqual(published.map((e) => e.id));
    expect(after).toMatchObject({ badSignatures: 0, orderViolations: 0, duplicates: before.duplicates });
    const folder = join(dropRoot, 'credit');
    while (readdirSync(folder).length < 3 && Date.now() < deadline) await sleep(100);
    const pushed = readdirSync(folder)
      .sort()
      .map((n) => JSON.parse(JSON.parse(readFileSync(join(folder, n), 'utf8')).body) as { id: string; data: unknown });
    expect(pushed.map((e) => e.id)).toEqual(published.map((e) => e.id));
    expect(pushed.map((e) => e.data)).toEqual([
      { statistic: { presaleNumber: number, month: '2026-11', contractsSigned: 3 } },
      { escrow: { presaleNumber: number, balance: 8_765_432_100, bank: record.bank } },
      {
        escrow: { presaleNumber: number, balance: 1_000, bank: record.bank },
        reason: '笔误',
        documentNumber: '湘建〔2026〕9号',
        correctedAt: '2026-12-01T00:00:00.000Z',
      },
    ]);
    const deliveries = await json<{ items: Array<{ eventId: string; streamSequence: number }> }>(
      await api(`/api/v1/admin/exchange/subscribers/${hook.id}/deliveries`, admin),
      200,
    );
    expect(deliveries.items.map((d) => d.eventId).sort()).toEqual(published.map((e) => e.id).sort());
  });
});
