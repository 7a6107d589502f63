/**
 * 补录预售资金监管信息 end to end through the gateway (issue 4, items 5–8 for escrow).
 *
 * Backfilled presale permits reach the escrow service as hn.presale.permit.backfilled.v1 events on
 * HN_PRESALE. They are published here straight into the platform's own JetStream (as the presale
 * service's outbox relay would), so this suite does not depend on the presale backfill routes.
 */
import { createHash } from 'node:crypto';
import { EscrowEvents, PresaleBackfillEvents, PresaleEvents } from '@hn/messages';
import { AckPolicy, connect, DeliverPolicy, JSONCodec } from 'nats';
import { TestPlatform } from './support/platform';

const PASSWORD = 'Escrow2024pass';
const YX = '430223'; // 攸县
const FR = '430102'; // 芙蓉区
const STOCK = '430223202306150101-Z01';
const SECOND = '430223202306150101-Z02';
const OTHER = '430102202301100101-Z01';
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 0x20), Buffer.from('\n%%EOF\n')]);

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; reason: string }>;
}
interface Scan {
  sha256: string;
  contentType: string;
  size: number;
  fileName: string;
}
interface EscrowRecord {
  presaleNumber: string;
  regionCode: string;
  state: 'DRAFT' | 'SUBMITTED';
  version: number;
  enteredBy: string;
  balance: number;
  commitmentLetter: boolean;
  commitmentLetterScan: Scan | null;
}
interface Version {
  version: number;
  balance: number;
  withdrawnAt: string | null;
  correction: { reason: string; documentNumber: string; reportScan: Scan } | null;
}
interface Page {
  items: Array<{
    presaleNumber: string;
    regionCode: string;
    projectName: string;
    developerName: string;
    issueDate: string;
    record: EscrowRecord | null;
  }>;
  total: number;
}

const permit = (presaleNumber: string, regionCode: string, projectName: string, issueDate: string) => ({
  presaleNumber,
  letter: 'Z',
  serial: Number(presaleNumber.slice(-2)),
  sandbox: false,
  constructionPermitNumbers: [presaleNumber.slice(0, 18)],
  unitCodes: [],
  localCertificateNumber: '攸住建预字〔2023〕第001号',
  issuingAuthority: '攸县住房和城乡建设局',
  issueDate,
  developer: { name: `${projectName}置业有限公司`, creditCode: '91430223MA4Q0ABC1X' },
  projectName,
  address: '攸县联星街道',
  buildings: ['1#'],
  presaleArea: 12345.67,
  unitCount: 120,
  plannedUse: '住宅',
  fundSupervision: null,
  location: { lat: 27.0, lng: 113.3 },
  projectCode: `2023-${regionCode}-70-03-000001`,
  regionCode,
  chainToken: 'x',
  verifyUrl: 'http://127.0.0.1/V/X',
  logIndex: 0,
  status: 'VALID',
  issuedAt: `${issueDate}T02:00:00.000Z`,
});

const record = (over: Record<string, unknown> = {}) => ({
  capitalGuaranteeAmount: 150_000_000,
  commitmentLetter: false,
  fundSupervision: true,
  bank: '中国建设银行攸县支行',
  account: '43050162123400000123',
  balance: 8_765_432_100,
  balanceAsOf: '2024-07-31',
  ...over,
});

describe('escrow backfill through the gateway (e2e)', () => {
  let platform: TestPlatform;
  let youxian: string;
  let youxian2: string;
  let furong: string;
  let admin: string;

  const api = (path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${platform.gatewayUrl}${path}`, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  };
  const put = (presaleNumber: string, body: unknown, token = youxian) =>
    api(`/api/v1/supervision/escrow/${presaleNumber}`, { method: 'PUT', token, json: body });
  const upload = (
    path: string,
    token: string,
    parts: { data?: unknown; scan?: { bytes: Buffer; name: string; type: string } },
  ) => {
    const form = new FormData();
    if (parts.data !== undefined) form.append('data', JSON.stringify(parts.data));
    if (parts.scan) form.append('scan', new Blob([parts.scan.bytes], { type: parts.scan.type }), parts.scan.name);
    return api(path, { method: parts.data === undefined ? 'PUT' : 'POST', token, body: form });
  };
  const json = async <T>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect(`${res.status} ${text}`).toMatch(new RegExp(`^${status} `));
    return JSON.parse(text) as T;
  };
  const versions = async (presaleNumber: string, token = youxian) =>
    (
      await json<{ versions: Version[] }>(
        await api(`/api/v1/supervision/escrow/${presaleNumber}/versions`, { token }),
        200,
      )
    ).versions;

  beforeAll(async () => {
    platform = await TestPlatform.start(['escrow']);
    await platform.createStaff('youxian.escrow', PASSWORD, 'COUNTY', YX);
    await platform.createStaff('youxian.escrow2', PASSWORD, 'COUNTY', YX);
    await platform.createStaff('furong.escrow', PASSWORD, 'COUNTY', FR);
    await platform.createStaff('admin.escrow', PASSWORD, 'ADMIN', '430000');
    youxian = await platform.staffToken('youxian.escrow', PASSWORD, '10.40.0.1');
    youxian2 = await platform.staffToken('youxian.escrow2', PASSWORD, '10.40.0.2');
    furong = await platform.staffToken('furong.escrow', PASSWORD, '10.40.0.3');
    admin = await platform.staffToken('admin.escrow', PASSWORD, '10.40.0.4');
    for (const [n, region, name, date] of [
      [STOCK, YX, '锦绣星城一期', '2023-06-15'],
      [SECOND, YX, '锦绣星城二期', '2023-06-15'],
      [OTHER, FR, '芙蓉华庭', '2023-01-10'],
    ] as const) {
      await platform.publishEvent(
        { name: PresaleEvents.stream, subjects: PresaleEvents.streamSubjects },
        {
          source: '/hn/presale',
          type: PresaleBackfillEvents.permitBackfilled,
          subject: n,
          data: { permit: permit(n, region, name, date), backfilledBy: 'seed' },
        },
      );
    }
    const deadline = Date.now() + 20_000;
    while ((await json<Page>(await api('/api/v1/supervision/escrow', { token: admin }), 200)).total < 3) {
      if (Date.now() > deadline) throw new Error(`replica not filled:\n${platform.logs()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it("lists backfilled permits of the caller's region only; another county cannot read or change them (403)", async () => {
    const own = await json<Page>(await api('/api/v1/supervision/escrow?pageSize=100', { token: youxian }), 200);
    expect(own.items.map((i) => i.presaleNumber).sort()).toEqual([STOCK, SECOND]);
    expect(own.items.find((i) => i.presaleNumber === STOCK)).toMatchObject({
      regionCode: YX,
      projectName: '锦绣星城一期',
      developerName: '锦绣星城一期置业有限公司',
      issueDate: '2023-06-15',
      record: null,
    });
    expect(
      (await json<Page>(await api('/api/v1/supervision/escrow?state=NONE', { token: furong }), 200)).items.map(
        (i) => i.presaleNumber,
      ),
    ).toEqual([OTHER]);
    expect(
      (await json<Problem>(await api(`/api/v1/supervision/escrow?regionCode=${YX}`, { token: furong }), 403)).code,
    ).toBe('REGION_FORBIDDEN');
    expect((await json<Problem>(await api(`/api/v1/supervision/escrow/${STOCK}`, { token: furong }), 403)).code).toBe(
      'REGION_FORBIDDEN',
    );
    expect((await json<Problem>(await put(STOCK, record(), furong), 403)).code).toBe('REGION_FORBIDDEN');
    expect(
      (await json<Problem>(await api('/api/v1/supervision/escrow?pageSize=101', { token: youxian }), 400)).code,
    ).toBe('VALIDATION_FAILED');
    expect((await json<Problem>(await api('/api/v1/supervision/escrow'), 401)).code).toBe('UNAUTHORIZED');
  });

  it('puts, versions, withdraws, re-puts and submits; a submitted record is locked (409) and the event is published', async () => {
    expect(
      (await json<{ outcome: string; record: EscrowRecord }>(await put(STOCK, record()), 201)).record,
    ).toMatchObject({ version: 1, state: 'DRAFT', enteredBy: 'youxian.escrow' });
    expect((await json<{ outcome: string }>(await put(STOCK, record()), 200)).outcome).toBe('unchanged');
    expect((await json<{ record: EscrowRecord }>(await put(STOCK, record({ balance: 1 })), 200)).record.version).toBe(
      2,
    );
    const invalid = await json<Problem>(
      await put(STOCK, record({ capitalGuaranteeAmount: null, account: '12ab', extra: 1 })),
      422,
    );
    expect(invalid.errors!.map((e) => e.field).sort()).toEqual(['account', 'capitalGuaranteeAmount', 'extra']);
    expect((await json<Problem>(await put(STOCK, record({ balanceAsOf: '2023-06-14' })), 422)).errors).toEqual([
      { field: 'balanceAsOf', reason: expect.stringContaining('2023-06-15') },
    ]);
    expect((await json<Problem>(await put('430223202306150101-Z09', record()), 404)).code).toBe('PRESALE_NOT_FOUND');
    expect(
      (
        await json<Problem>(
          await api('/api/v1/supervision/escrow/withdraw', {
            method: 'POST',
            token: youxian2,
            json: { presaleNumber: STOCK },
          }),
          409,
        )
      ).code,
    ).toBe('NOT_OWN_VERSION');
    expect(
      await json(
        await api('/api/v1/supervision/escrow/withdraw', {
          method: 'POST',
          token: youxian,
          json: { presaleNumber: STOCK },
        }),
        200,
      ),
    ).toMatchObject({ outcome: 'RESTORED', withdrawnVersion: 2, record: { version: 1, balance: 8_765_432_100 } });
    expect((await json<{ record: EscrowRecord }>(await put(STOCK, record({ balance: 2 })), 200)).record.version).toBe(
      3,
    );
    expect((await versions(STOCK)).map((v) => [v.version, v.balance, v.withdrawnAt !== null])).toEqual([
      [1, 8_765_432_100, false],
      [2, 1, true],
      [3, 2, false],
    ]);

    const submitted = await json<{ records: EscrowRecord[] }>(
      await api('/api/v1/supervision/escrow/submit', {
        method: 'POST',
        token: youxian,
        json: { presaleNumbers: [STOCK] },
      }),
      200,
    );
    expect(submitted.records.map((r) => [r.presaleNumber, r.state, r.version])).toEqual([[STOCK, 'SUBMITTED', 3]]);
    expect((await json<Problem>(await put(STOCK, record({ balance: 3 })), 409)).code).toBe('RECORD_LOCKED');
    expect(
      (
        await json<Problem>(
          await api('/api/v1/supervision/escrow/withdraw', {
            method: 'POST',
            token: youxian,
            json: { presaleNumber: STOCK },
          }),
          409,
        )
      ).code,
    ).toBe('RECORD_LOCKED');
    expect(
      (
        await json<Problem>(
          await api('/api/v1/supervision/escrow/submit', {
            method: 'POST',
            token: furong,
            json: { presaleNumbers: [STOCK] },
          }),
          403,
        )
      ).code,
    ).toBe('REGION_FORBIDDEN');

    // hn.escrow.record.recorded.v1 reaches HN_ESCROW (relayed from the outbox)
    const nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    try {
      const jsm = await nc.jetstreamManager();
      await jsm.consumers.add(EscrowEvents.stream, {
        durable_name: 'e2e-check',
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: EscrowEvents.recordRecorded,
      });
      const consumer = await nc.jetstream().consumers.get(EscrowEvents.stream, 'e2e-check');
      const msg = await consumer.next({ expires: 10_000 });
      expect(msg).not.toBeNull();
      const event = JSONCodec<{
        type: string;
        subject: string;
        source: string;
        data: { record: EscrowRecord };
      }>().decode(msg!.data);
      expect(event).toMatchObject({
        type: EscrowEvents.recordRecorded,
        subject: STOCK,
        source: '/hn/escrow',
        data: { record: { presaleNumber: STOCK, state: 'SUBMITTED', version: 3 } },
      });
      expect(msg!.headers?.get('Nats-Msg-Id')).toBeTruthy();
    } finally {
      await nc.close();
    }
  });

  it('stores the commitment letter scan (sha256 shown); wrong type 415 and over 20 MB 413 store nothing', async () => {
    await json(
      await put(
        SECOND,
        record({
          capitalGuaranteeAmount: null,
          commitmentLetter: true,
          fundSupervision: false,
          bank: null,
          account: null,
        }),
      ),
      201,
    );
    const path = `/api/v1/supervision/escrow/${SECOND}/commitment-letter`;
    const stored = await json<{ outcome: string; record: EscrowRecord }>(
      await upload(path, youxian, { scan: { bytes: PDF, name: '承诺函.pdf', type: 'application/pdf' } }),
      200,
    );
    expect(stored.record.commitmentLetterScan).toMatchObject({
      sha256: createHash('sha256').update(PDF).digest('hex'),
      contentType: 'application/pdf',
      size: PDF.byteLength,
      fileName: '承诺函.pdf',
    });
    expect(stored.record.version).toBe(2);
    expect(
      (
        await json<Problem>(
          await upload(path, youxian, {
            scan: { bytes: Buffer.from('plain text, not a scan'), name: 'x.pdf', type: 'application/pdf' },
          }),
          415,
        )
      ).code,
    ).toBe('SCAN_TYPE_UNSUPPORTED');
    const huge = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024 + 16, 0x20)]);
    expect(
      (
        await json<Problem>(
          await upload(path, youxian, { scan: { bytes: huge, name: 'big.pdf', type: 'application/pdf' } }),
          413,
        )
      ).code,
    ).toBe('SCAN_TOO_LARGE');
    expect((await json<Problem>(await api(path, { method: 'PUT', token: youxian, json: {} }), 415)).code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(
      (
        await json<Problem>(
          await upload(`/api/v1/supervision/escrow/${OTHER}/commitment-letter`, youxian, {
            scan: { bytes: PDF, name: 'a.pdf', type: 'application/pdf' },
          }),
          403,
        )
      ).code,
    ).toBe('REGION_FORBIDDEN');
    // nothing stored by the refused uploads: still two versions, the first scan current
    expect((await versions(SECOND)).length).toBe(2);
    const current = await json<EscrowRecord>(
      await api(`/api/v1/supervision/escrow/${SECOND}`, { token: youxian }),
      200,
    );
    expect(current.commitmentLetterScan?.fileName).toBe('承诺函.pdf');
  });

  it('corrections: ADMIN only (403 otherwise), audited, the previous version kept', async () => {
    const path = `/api/v1/supervision/escrow/${STOCK}/correction`;
    const data = {
      reason: '监管账号余额录入错误，按对账单更正',
      documentNumber: '湘建房函〔2024〕12号',
      record: record({ balance: 9_000_000_000 }),
    };
    const report = { bytes: PDF, name: '书面报告.pdf', type: 'application/pdf' };
    expect((await json<Problem>(await upload(path, youxian, { data, scan: report }), 403)).code).toBe('ROLE_FORBIDDEN');
    expect(
      (
        await json<Problem>(
          await upload(`/api/v1/supervision/escrow/${SECOND}/correction`, admin, { data, scan: report }),
          409,
        )
      ).code,
    ).toBe('RECORD_NOT_SUBMITTED');
    expect(
      (await json<Problem>(await upload(path, admin, { data: { ...data, reason: '' }, scan: report }), 422)).errors,
    ).toEqual([{ field: 'reason', reason: expect.any(String) }]);
    const corrected = await json<{ record: EscrowRecord; previousVersion: number }>(
      await upload(path, admin, { data, scan: report }),
      200,
    );
    expect(corrected).toMatchObject({
      previousVersion: 3,
      record: { version: 4, state: 'SUBMITTED', balance: 9_000_000_000, enteredBy: 'admin.escrow' },
    });
    const all = await versions(STOCK);
    expect(all.find((v) => v.version === 3)).toMatchObject({ balance: 2, correction: null });
    expect(all.find((v) => v.version === 4)).toMatchObject({
      balance: 9_000_000_000,
      correction: {
        reason: data.reason,
        documentNumber: data.documentNumber,
        reportScan: { sha256: createHash('sha256').update(PDF).digest('hex') },
      },
    });
    expect((await json<Problem>(await put(STOCK, record(), admin), 409)).code).toBe('RECORD_LOCKED');

    const audit = await json<{
      items: Array<{
        actor: string;
        action: string;
        target: string;
        status: number;
        before: { version: number };
        after: { previousVersion: number; correction: { documentNumber: string } };
      }>;
    }>(await api('/api/v1/audit?action=POST%20/api/v1/supervision/escrow/', { token: admin }), 200);
    const entry = audit.items.find(
      (e) => e.action === 'POST /api/v1/supervision/escrow/:presaleNumber/correction' && e.status === 200,
    );
    expect(entry).toMatchObject({
      actor: 'admin.escrow',
      target: `presaleNumber=${STOCK}`,
      before: { version: 3 },
      after: { previousVersion: 3, correction: { documentNumber: '湘建房函〔2024〕12号' } },
    });
    expect(
      audit.items.some((e) => e.action === 'POST /api/v1/supervision/escrow/submit' && e.actor === 'youxian.escrow'),
    ).toBe(true);
  });

  it('answers 503 while the escrow service is down and works again after a restart', async () => {
    await platform.stopService('escrow');
    expect((await json<Problem>(await api('/api/v1/supervision/escrow', { token: youxian }), 503)).code).toBe(
      'SERVICE_UNAVAILABLE',
    );
    const escrowHealth = async () =>
      ((await (await api('/health')).json()) as { checks: Record<string, { status: string }> }).checks['escrow']
        ?.status;
    expect(await escrowHealth()).toBe('down');
    await platform.startService('escrow');
    expect((await json<Page>(await api('/api/v1/supervision/escrow', { token: youxian }), 200)).total).toBe(2);
    expect(await escrowHealth()).toBe('up');
  });
});
