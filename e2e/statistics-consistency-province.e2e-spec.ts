/**
 * 从源头纠正 at province scale (issue 13): 24,000 contract filings on as many projects, seeded directly
 * into the contracts service's database and the statistics' facts (as bench:statistics does), make the
 * contracts service's whole per-project recount of the province ≈ 1.3 MB — over one NATS message
 * (its v1 recount answers 413). The check asks in buckets (rpc.<source>.consistency.buckets.v1, then
 * recount.v2 of the differing buckets only) and answers with every source checked, each reply small;
 * two planted differences are named and no other.
 */
import { Principal, Rpc, SourceRecountBucketsV1, StatisticsConsistencyV1 } from '@hn/messages';
import { RpcClient } from '@hn/messaging';
import { connect, NatsConnection } from 'nats';
import { Client } from 'pg';
import { TestPlatform } from './support/platform';

const PASSWORD = 'ConsistencyProvince2024ok';
const FILINGS = 24_000;
const COUNTIES = ['430102', '430223', '430224', '430302', '430521', '431102'];
const FILED_AT = '2024-09-02T10:00:00+08:00';

interface Filing {
  contract: string;
  presale: string;
  project: string;
  region: string;
}

const filingOf = (i: number): Filing => {
  const region = COUNTIES[i % COUNTIES.length]!;
  const presale = `${region}2024062${i % 10}${String(Math.floor(i / 10) % 10_000).padStart(4, '0')}-Y01`;
  return {
    contract: `${presale}-B${String(1 + Math.floor(i / 100_000)).padStart(4, '0')}`,
    presale,
    project: `2024-${region}-70-03-${String(i).padStart(6, '0')}`,
    region,
  };
};

describe('统计一致性核对（全省规模）province-scale consistency check through the gateway', () => {
  let platform: TestPlatform;
  let token = '';
  let nc: NatsConnection;
  let rpc: RpcClient;
  const dbUrl = (service: string): string =>
    platform.env['DATABASE_URL']!.replace(/\/[^/]*$/, `/${platform.env[`${service.toUpperCase()}_DB_NAME`]}`);
  const province: Principal = { kind: 'staff', id: 'hn-stat', regions: ['430000'], scopes: ['statistics:read'] };

  const check = async (): Promise<StatisticsConsistencyV1> => {
    const res = await fetch(`${platform.gatewayUrl}/api/v1/statistics/consistency?regionCode=430000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`consistency answered ${res.status}: ${text}`);
    return JSON.parse(text) as StatisticsConsistencyV1;
  };

  /** Filings into the contracts service's table (as it stores them) and/or the statistics' facts. */
  const seed = async (rows: Filing[], where: { contracts: boolean; alerts: boolean }): Promise<void> => {
    const columns = (r: Filing[]) => [r.map((f) => f.contract), r.map((f) => f.presale), r.map((f) => f.project)];
    if (where.contracts) {
      const c = new Client({ connectionString: dbUrl('contracts') });
      await c.connect();
      await c.query(
        `INSERT INTO contract_filing (sandbox, contract_number, presale_number, serial, region_code, project_code,
                                      building, client_id, filing_date, contract_amount, record, status, filed_at)
         SELECT false, u.c, u.p, right(u.c, 4)::int, left(u.c, 6), u.j, '1#', 'e2e', '2024-09-02', 100000, '{}'::jsonb,
                'ACTIVE', $4::timestamptz
           FROM unnest($1::text[], $2::text[], $3::text[]) AS u(c, p, j)`,
        [...columns(rows), FILED_AT],
      );
      await c.end();
    }
    if (where.alerts) {
      const a = new Client({ connectionString: dbUrl('alerts') });
      await a.connect();
      await a.query(
        `INSERT INTO rm_stat_filing (contract_number, version_at, version_event, next_at, presale_number, project_code,
                                     region_code, filing_date, floor_area, amount_fen, payment_method, status,
                                     cancelled_at)
         SELECT u.c, $4::timestamptz, 'e2e-' || u.c, NULL, u.p, u.j, left(u.c, 6), '2024-09-02', 89.5, 100000, 'FULL',
                'ACTIVE', NULL
           FROM unnest($1::text[], $2::text[], $3::text[]) AS u(c, p, j)`,
        [...columns(rows), FILED_AT],
      );
      await a.end();
    }
  };

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow', 'alerts'], {
      env: { ALERTS_CONSISTENCY_TIMEOUT_MS: '10000' },
    });
    await platform.createStaff('province.cons.scale', PASSWORD, 'PROVINCE', '430000');
    token = await platform.staffToken('province.cons.scale', PASSWORD, '10.61.0.1');
    await seed(
      Array.from({ length: FILINGS }, (_, i) => filingOf(i)),
      { contracts: true, alerts: true },
    );
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    rpc = new RpcClient(nc, { timeoutMs: 20_000 });
  }, 180_000);

  afterAll(async () => {
    await nc?.close();
    await platform?.stop();
  });

  it('the whole recount of the province is over one NATS message; its buckets are small', async () => {
    const request = { regionCode: '430000', asOf: '2024-09-30' };
    await expect(rpc.call(Rpc.contractsRecount, province, request)).rejects.toMatchObject({
      problem: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    });
    const buckets: SourceRecountBucketsV1 = await rpc.call(Rpc.contractsRecountBuckets, province, request);
    expect(Buffer.byteLength(JSON.stringify(buckets))).toBeLessThan(64 * 1024);
    const counted = buckets.buckets.filter((b) => b.figure === 'filings.count');
    expect(counted.reduce((n, b) => n + b.total, 0)).toBe(FILINGS);
    // one bucket's projects only: about 1/256 of the province
    const one = await rpc.call(Rpc.contractsRecountOfBuckets, province, { ...request, buckets: [counted[0]!.bucket] });
    expect(one.figures.find((f) => f.figure === 'filings.count')!.projects).toHaveLength(counted[0]!.projects);
  });

  it('answers with every source checked and every figure equal', async () => {
    const c = await check();
    expect(c.sources.map((s) => [s.source, s.answered, s.message])).toEqual([
      ['permits', true, null],
      ['presale', true, null],
      ['escrow', true, null],
      ['contracts', true, null],
    ]);
    expect(c.figures.every((f) => f.status === 'EQUAL')).toBe(true);
    expect(c.figures.find((f) => f.figure === 'filings.count')).toMatchObject({
      statisticsValue: FILINGS,
      sourceValue: FILINGS,
    });
    expect(c).toMatchObject({ consistent: true, differenceCount: 0 });
  });

  it('names exactly the planted differences: a filing the statistics never saw, and one only they have', async () => {
    const known = filingOf(4_321);
    await seed([{ ...known, contract: `${known.presale}-B0777` }], { contracts: true, alerts: false });
    const ghost = filingOf(FILINGS + 1);
    await seed([ghost], { contracts: false, alerts: true });
    const c = await check();
    const count = c.figures.find((f) => f.figure === 'filings.count')!;
    expect(count).toMatchObject({ status: 'DIFFERENT', statisticsValue: FILINGS + 1, sourceValue: FILINGS + 1 });
    expect(count.differences).toEqual(
      [
        { projectCode: known.project, figure: 'filings.count', statisticsCount: 1, sourceCount: 2 },
        { projectCode: ghost.project, figure: 'filings.count', statisticsCount: 1, sourceCount: 0 },
      ].sort((a, b) => (a.projectCode < b.projectCode ? -1 : 1)),
    );
    expect(c).toMatchObject({ consistent: false, differenceCount: 2 });
    expect(c.sources.every((s) => s.answered)).toBe(true);
  });
});
