import { ContractsEvents, Headers as HnHeaders, PresaleEvents } from '@hn/messages';
import { serviceDatabaseUrl } from '@hn/persistence';
import { connect } from 'nats';
import { Client } from 'pg';
import { contractFiling, creditCode, permitBody, presaleSubmission, residentId } from './support/fixtures';
import { TestPlatform } from './support/platform';

/**
 * Fault test of issue 10, item 1: nats-server is stopped for 60 s under continuous load through the
 * gateway (contract filings, presale numbers, lookups) and started again on the same JetStream
 * store. No service is restarted. Traffic must answer 2xx again within 5 s of NATS being back, every
 * number that got a 2xx answer must be persisted, and every persisted number's event must be on its
 * JetStream stream (outbox rows all published). During the outage the gateway answers 503
 * problem+json quickly and every /health is 503 with the NATS connections reported down.
 */
const OUTAGE_MS = 60_000;
const RECOVERY_LIMIT_MS = 5000;
const FILING_LOOPS = 3;
const PERMIT = { number: '430223202406200101', unit: '2024-430223-70-03-012345-DT022' } as const;
const FIRST_PRESALE = `${PERMIT.number}-Y01`;
const PROBE_UNIT = 'E2E-PROBE-UNIT-NOT-IN-ANY-PERMIT';
const PROBE_BUILDING = 'E2E-PROBE-BUILDING';
/** escrow too: it has its own presale replica (consumer) and the gateway's /health asks it */
const SERVICES = ['permits', 'presale', 'contracts', 'escrow'] as const;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Answer {
  kind: 'filing' | 'presale' | 'lookup';
  sentAt: number;
  doneAt: number;
  status: number;
  problemJson: boolean;
}

describe('NATS outage of 60 s under load (issue 10 item 1)', () => {
  let platform: TestPlatform;
  let presaleIssuer: string;
  let signer: string;
  let keySeq = 0;
  const newKey = (label: string): string => `e2e-outage-${label}-${process.pid}-${++keySeq}`;
  const api = (path: string, init: RequestInit & { token?: string } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers, signal: AbortSignal.timeout(15_000) });
  };
  const post = (path: string, token: string, key: string | null, body: unknown): Promise<Response> =>
    api(path, {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });

  const db = async <T>(service: string, sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({
      connectionString: serviceDatabaseUrl(
        platform.env['DATABASE_URL']!,
        platform.env[`${service.toUpperCase()}_DB_NAME`]!,
      ),
    });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  /** Nats-Msg-Id of every message on a stream (read from the platform's own nats-server). */
  const streamMsgIds = async (stream: string): Promise<Set<string>> => {
    const nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}`, name: 'hn-e2e-outage-reader' });
    try {
      const jsm = await nc.jetstreamManager();
      const info = await jsm.streams.info(stream);
      const ids = new Set<string>();
      for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
        ids.add((await jsm.streams.getMessage(stream, { seq })).header.get(HnHeaders.msgId));
      }
      return ids;
    } finally {
      await nc.close();
    }
  };

  const waitPermitInPresale = async (): Promise<void> => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const res = await post(
        '/api/v1/presale-permits',
        presaleIssuer,
        newKey('probe'),
        presaleSubmission({ unitCodes: [PERMIT.unit, PROBE_UNIT] }),
      );
      const text = await res.text();
      if (res.status === 422 && text.includes('UNIT_NOT_IN_PERMITS') && !text.includes(PERMIT.unit)) return;
      await sleep(200);
    }
    throw new Error('permit not replicated to presale within 30 s');
  };

  /** The contracts replica knows the presale number (a probe filing that can never succeed). */
  const waitPresaleInContracts = async (presaleNumber: string, timeoutMs = 30_000): Promise<number> => {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const res = await post(
        '/api/v1/contract-filings',
        signer,
        newKey('probe'),
        contractFiling({ presaleNumber, building: PROBE_BUILDING }),
      );
      const text = await res.text();
      if (res.status === 422 && text.includes('BUILDING_NOT_IN_PRESALE')) return Date.now() - started;
      await sleep(200);
    }
    throw new Error(`presale permit ${presaleNumber} not replicated to contracts within ${timeoutMs} ms`);
  };

  beforeAll(async () => {
    platform = await TestPlatform.start([...SERVICES]);
    const fast = ['--rate-limit', '1000000'];
    const writer = await platform.token(
      await platform.createIntegrator(['430200'], ['permits:read', 'approval:write'], fast),
    );
    presaleIssuer = await platform.token(await platform.createIntegrator(['430223'], ['presale:issue'], fast));
    signer = await platform.token(await platform.createIntegrator(['430223'], ['contracts:issue'], fast));
    const put = await api(`/api/v1/approval/construction-permits/${PERMIT.number}`, {
      method: 'PUT',
      token: writer,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(permitBody()),
    });
    expect(`${put.status} ${await put.text()}`).toMatch(/^201 /);
    await waitPermitInPresale();
    const first = await post(
      '/api/v1/presale-permits',
      presaleIssuer,
      newKey('presale'),
      presaleSubmission({ localCertificateNumber: '攸住建预字〔2024〕第001号' }),
    );
    expect(`${first.status} ${(await first.text()).slice(0, 200)}`).toMatch(/^201 /);
    await waitPresaleInContracts(FIRST_PRESALE);
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('recovers within 5 s of NATS returning, with no restart, no lost number and no lost event', async () => {
    const pids = new Map<string, number | undefined>(
      [...SERVICES, 'gateway'].map((s) => [s, platform.services.get(s)!.process!.pid]),
    );
    const answers: Answer[] = [];
    const filed: string[] = [];
    const issued: string[] = [FIRST_PRESALE];
    let running = true;
    let person = 0;

    /** One request; a non-2xx answer is retried with the same Idempotency-Key (what a client does). */
    const call = async (
      kind: Answer['kind'],
      send: () => Promise<Response>,
    ): Promise<{ status: number; text: string }> => {
      const sentAt = Date.now();
      let status = 0;
      let text = '';
      let problemJson = false;
      try {
        const res = await send();
        status = res.status;
        problemJson = (res.headers.get('content-type') ?? '').includes('application/problem+json');
        text = await res.text();
      } catch (err) {
        text = err instanceof Error ? err.message : String(err);
      }
      answers.push({ kind, sentAt, doneAt: Date.now(), status, problemJson });
      return { status, text };
    };

    const filingLoop = async (loop: number): Promise<void> => {
      for (let n = 1; running; n++) {
        const key = newKey(`filing-${loop}`);
        const p = ++person;
        const body = contractFiling({
          presaleNumber: FIRST_PRESALE,
          rooms: [{ roomNumber: `${(n % 30) + 1}-L${loop}-${n}`, floor: (n % 30) + 1, floorArea: 89.5 }],
          buyers: [
            {
              type: 'PERSON',
              name: `买受人${p}`,
              idType: 'RESIDENT_ID',
              idNumber: residentId(`43022319${String(80 + (p % 20))}0101${String(p % 1000).padStart(3, '0')}`),
              phone: `139${String(p).padStart(8, '0')}`,
            },
            { type: 'ORGANIZATION', name: '攸县星城投资有限公司', creditCode: creditCode('91430223MA4R0DEF2') },
          ],
        });
        while (running) {
          const { status, text } = await call('filing', () => post('/api/v1/contract-filings', signer, key, body));
          if (status === 201 || status === 200) {
            filed.push((JSON.parse(text) as { contractNumber: string }).contractNumber);
            break;
          }
          if (status !== 503 && !(status === 409 && text.includes('IN_FLIGHT')))
            throw new Error(`filing answered ${status}: ${text.slice(0, 300)}`);
          await sleep(100);
        }
      }
    };

    const presaleLoop = async (): Promise<void> => {
      for (let n = 2; running && n <= 60; n++) {
        const key = newKey('presale');
        const body = presaleSubmission({
          localCertificateNumber: `攸住建预字〔2024〕第${String(n).padStart(3, '0')}号`,
        });
        while (running) {
          const { status, text } = await call('presale', () =>
            post('/api/v1/presale-permits', presaleIssuer, key, body),
          );
          if (status === 201 || status === 200) {
            issued.push((JSON.parse(text) as { presaleNumber: string }).presaleNumber);
            break;
          }
          if (status !== 503 && !(status === 409 && text.includes('IN_FLIGHT')))
            throw new Error(`presale answered ${status}: ${text.slice(0, 300)}`);
          await sleep(200);
        }
        await sleep(1000);
      }
    };

    const lookupLoop = async (): Promise<void> => {
      while (running) {
        const number = filed[filed.length - 1];
        if (number) {
          const { status, text } = await call('lookup', () =>
            api(`/api/v1/contract-filings/${number}`, { token: signer }),
          );
          if (status !== 200 && status !== 503) throw new Error(`lookup answered ${status}: ${text.slice(0, 300)}`);
        }
        await sleep(50);
      }
    };

    const loops = [...Array.from({ length: FILING_LOOPS }, (_, i) => filingLoop(i + 1)), presaleLoop(), lookupLoop()];
    // a loop that throws (an unexpected answer) ends the test at once
    const failed = Promise.race(loops.map((l) => l.then(() => new Promise<never>(() => undefined))));
    failed.catch(() => undefined);
    const during = async <T>(p: Promise<T>): Promise<T> => Promise.race([p, failed]);

    // 1. load with NATS up
    await during(sleep(5000));
    const filedBefore = filed.length;
    expect(filedBefore).toBeGreaterThan(0);

    // 2. the outage
    await during(platform.stopNats());
    const stoppedAt = Date.now();
    await during(sleep(20_000));
    const gatewayHealth = await api('/health');
    const gatewayHealthBody = (await gatewayHealth.json()) as {
      status: string;
      checks: Record<string, { status: string }>;
    };
    expect(gatewayHealth.status).toBe(503);
    expect(gatewayHealthBody.checks['gateway-nats']?.status).toBe('down');
    expect(gatewayHealthBody.checks['gateway-database']?.status).toBe('up');
    for (const service of SERVICES) {
      const res = await fetch(`http://127.0.0.1:${platform.services.get(service)!.port}/health`);
      const body = (await res.json()) as {
        error?: Record<string, { status: string }>;
        details?: Record<string, { status: string }>;
      };
      expect(`${service} ${res.status}`).toBe(`${service} 503`);
      expect(body.error?.['nats-rpc']?.status).toBe('down');
      expect(body.error?.['nats']?.status).toBe('down');
      expect(body.details?.['database']?.status).toBe('up');
    }
    await during(sleep(OUTAGE_MS - (Date.now() - stoppedAt)));

    // 3. NATS back (same port, same JetStream store)
    const outageMs = Date.now() - stoppedAt;
    // the outage ends when the restart begins: clients may reconnect before startNats() has returned
    const restartAt = Date.now();
    await during(platform.startNats());
    const backAt = Date.now();
    const writes = (a: Answer): boolean => a.kind !== 'lookup' && a.status >= 200 && a.status < 300;
    while (!answers.some((a) => writes(a) && a.sentAt >= backAt) && Date.now() - backAt < 30_000)
      await during(sleep(20));
    const firstOk = answers.filter((a) => writes(a) && a.sentAt >= backAt).sort((a, b) => a.doneAt - b.doneAt)[0];
    const recoveryMs = firstOk ? firstOk.doneAt - backAt : Number.POSITIVE_INFINITY;
    // 4. more load with NATS up, then stop the loops
    await during(sleep(8000));
    running = false;
    await Promise.all(loops);
    const recoveredBy: Record<string, number> = {};
    for (const kind of ['filing', 'presale', 'lookup'] as const) {
      const ok = answers
        .filter((a) => a.kind === kind && a.status >= 200 && a.status < 300 && a.sentAt >= backAt)
        .sort((a, b) => a.doneAt - b.doneAt)[0];
      recoveredBy[kind] = ok ? ok.doneAt - backAt : Number.POSITIVE_INFINITY;
    }

    // a presale number issued after the outage reaches the contracts replica (relay + consumer resumed)
    const lastPresale = issued[issued.length - 1]!;
    const replicaMs = await waitPresaleInContracts(lastPresale);
    const health = await api('/health');
    const healthBody = (await health.json()) as {
      status: string;
      checks: Record<string, { status: string; details?: Record<string, { status: string }> }>;
    };

    // during the outage: 503 problem+json, quickly
    const outageAnswers = answers.filter((a) => a.sentAt >= stoppedAt + 1000 && a.doneAt <= restartAt);
    const outageLatencies = outageAnswers.map((a) => a.doneAt - a.sentAt).sort((a, b) => a - b);
    const p99 = outageLatencies[Math.floor(outageLatencies.length * 0.99)]!;

    // every 2xx number persisted
    const filings = new Set(
      (
        await db<{ contract_number: string }>(
          'contracts',
          `SELECT contract_number FROM contract_filing WHERE NOT sandbox`,
        )
      ).map((r) => r.contract_number),
    );
    const presales = new Set(
      (
        await db<{ presale_number: string }>('presale', `SELECT presale_number FROM presale_permit WHERE NOT sandbox`)
      ).map((r) => r.presale_number),
    );
    const numbersLost = [...filed.filter((n) => !filings.has(n)), ...issued.filter((n) => !presales.has(n))];
    expect(new Set(filed).size).toBe(filed.length);

    // every persisted number's event on JetStream, every outbox row published
    const pendingOutbox = async (): Promise<number> => {
      let pending = 0;
      for (const service of SERVICES)
        pending += (
          await db<{ n: number }>(service, `SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`)
        )[0]!.n;
      return pending;
    };
    const drainDeadline = Date.now() + 30_000;
    while ((await pendingOutbox()) > 0 && Date.now() < drainDeadline) await sleep(200);
    const unpublished = await pendingOutbox();
    const eventsLost: string[] = [];
    for (const [service, stream, numbers] of [
      ['contracts', ContractsEvents.stream, filings],
      ['presale', PresaleEvents.stream, presales],
    ] as const) {
      const onStream = await streamMsgIds(stream);
      const outbox = await db<{ id: string; subject: string }>(
        service,
        `SELECT id, payload->>'subject' AS subject FROM outbox_event`,
      );
      const withEvent = new Set(outbox.filter((r) => onStream.has(r.id)).map((r) => r.subject));
      eventsLost.push(...outbox.filter((r) => !onStream.has(r.id)).map((r) => r.id));
      eventsLost.push(...[...numbers].filter((n) => !withEvent.has(n)).map((n) => `no event for ${n}`));
    }

    const statusesAfter: Record<string, Record<number, number>> = {};
    for (const a of answers.filter((x) => x.sentAt >= backAt)) {
      const byStatus = (statusesAfter[a.kind] ??= {});
      byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    }
    const figures = {
      outageMs,
      recoveryMs,
      recoveredByKindMs: recoveredBy,
      statusesAfterNatsBack: statusesAfter,
      presaleReplicatedToContractsMs: replicaMs,
      requests: answers.length,
      answersDuringOutage: outageAnswers.length,
      outage503P99Ms: p99,
      outage503MaxMs: outageLatencies[outageLatencies.length - 1],
      filingsIssued: filed.length,
      filingsBeforeOutage: filedBefore,
      presaleNumbersIssued: issued.length,
      numbersLost: numbersLost.length,
      outboxUnpublished: unpublished,
      eventsLost: eventsLost.length,
    };
    console.log(`NATS outage figures: ${JSON.stringify(figures)}`);
    // no service restarted
    for (const [name, pid] of pids) {
      const proc = platform.services.get(name)!.process!;
      expect(`${name} ${proc.pid} ${proc.exitCode}`).toBe(`${name} ${pid} null`);
    }
    // during the outage: 503 problem+json, quickly (the RPC client fails fast while NATS is away)
    expect(outageAnswers.length).toBeGreaterThan(0);
    expect(outageAnswers.filter((a) => a.status !== 503 || !a.problemJson)).toEqual([]);
    expect(outageLatencies[outageLatencies.length - 1]).toBeLessThan(2500);
    expect(`${health.status} ${JSON.stringify(healthBody)}`).toMatch(/^200 /);
    for (const service of SERVICES)
      expect(Object.keys(healthBody.checks[service]?.details ?? {})).toEqual(
        expect.arrayContaining(['database', 'nats', 'nats-rpc']),
      );
    expect(numbersLost).toEqual([]);
    expect(unpublished).toBe(0);
    expect(eventsLost).toEqual([]);
    expect(recoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);
    for (const kind of Object.keys(recoveredBy))
      expect(`${kind} ${recoveredBy[kind]! < RECOVERY_LIMIT_MS}`).toBe(`${kind} true`);
  }, 240_000);
});
