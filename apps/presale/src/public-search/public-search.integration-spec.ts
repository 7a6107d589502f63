import { createServiceDataSource } from '@hn/persistence';
import { createTestDatabase } from '@hn/testing';
import { DomainException } from '@hn/errors';
import { DataSource } from 'typeorm';
import { PublicPresaleSearchPageV1, PublicPresaleSearchQuery, Rpc } from '@hn/messages';
import { requestContractOf, validateRpcBody } from '@hn/messaging';
import { certificateKey } from '../issuance/local-certificate';
import { presaleMigrations } from '../migrations';
import { PublicSearchRepository } from './public-search.repository';
import { PublicSearchService } from './public-search.service';

interface Row {
  number: string;
  name: string;
  issueDate: string;
  certificate?: string;
  status?: 'VALID' | 'CORRECTED' | 'WITHDRAWN';
  sandbox?: boolean;
  backfill?: 'DRAFT' | 'SUBMITTED';
}

const PUBLIC_KEYS = [
  'address',
  'developerName',
  'issueDate',
  'issuingAuthority',
  'localCertificateNumber',
  'presaleNumber',
  'projectName',
  'regionCode',
  'regionName',
  'status',
  'verifyPath',
  'verifyUrl',
];

/** 预售许可证统一查询 against real Postgres: only public rows, only public fields, every kind of term. */
describe(PublicSearchService.name, () => {
  let ds: DataSource;
  let dropDb: () => Promise<void>;
  let service: PublicSearchService;
  let logIndex = 0;

  const insert = async (r: Row): Promise<void> => {
    const sandbox = r.sandbox ?? false;
    const certificate = r.certificate ?? `攸住建预字〔2024〕第${r.number}号`;
    const record = {
      presaleNumber: r.number,
      projectName: r.name,
      developer: { name: '攸县锦绣置业有限公司', creditCode: '91430223MA4Q0ABC1X' },
      address: '攸县联星街道锦绣大道 88 号',
      issuingAuthority: '攸县住房和城乡建设局',
      localCertificateNumber: certificate,
      issueDate: r.issueDate,
      fundSupervision: { bank: '中国建设银行攸县支行', account: '43050162123400000123' },
      location: { lat: 27.0, lng: 113.3 },
      verifyUrl: `HTTP://127.0.0.1:3000/V/TOKEN${r.number.replace('-', '')}`,
    };
    await ds.query(
      `INSERT INTO presale_permit (sandbox, presale_number, permit_number, letter, serial, region_code, project_code, client_id, record, record_digest, chain_token, log_index, status, authority_key, certificate_key)
       VALUES ($1, $2, substr($2, 1, 18), substr($2, 20, 1), substr($2, 21, 2)::int, '430223', 'P1', 'c', $3, repeat('0', 32), 't', $4, $5, $6, $7)`,
      [
        sandbox,
        r.number,
        JSON.stringify(record),
        logIndex++,
        r.status ?? 'VALID',
        certificateKey('攸县住房和城乡建设局'),
        r.status === 'WITHDRAWN' ? null : certificateKey(certificate),
      ],
    );
    if (r.backfill) {
      const [{ id }] = (await ds.query(
        `INSERT INTO scan_file (sha256, content_type, size, content, file_name, uploaded_by) VALUES (repeat('a', 64), 'application/pdf', 1, '\\x25'::bytea, 's.pdf', 'u') RETURNING id`,
      )) as Array<{ id: string }>;
      await ds.query(
        `INSERT INTO presale_backfill (sandbox, presale_number, state, backfilled_by, scan_id, submitted_at) VALUES ($1, $2, $3, 'u', $4, $5)`,
        [sandbox, r.number, r.backfill, id, r.backfill === 'SUBMITTED' ? new Date() : null],
      );
    }
  };
  // as the handler receives it: validated by @RpcHandler(Rpc.publicSearch) with the entry's class
  const search = async (payload: unknown): Promise<PublicPresaleSearchPageV1> =>
    service.search(await validateRpcBody<PublicPresaleSearchQuery>(requestContractOf(Rpc.publicSearch), payload));
  const numbers = async (query: Record<string, unknown>): Promise<string[]> =>
    (await search({ page: 1, pageSize: 20, ...query })).items.map((i) => i.presaleNumber);
  const refusal = async (payload: unknown): Promise<{ status: number; code: string; fields: string[] }> => {
    try {
      await search(payload);
    } catch (err) {
      if (!(err instanceof DomainException)) throw err;
      return {
        status: err.problem.status,
        code: err.problem.code,
        fields: (err.problem.errors ?? []).map((e) => e.field).sort(),
      };
    }
    throw new Error('not refused');
  };

  beforeAll(async () => {
    const db = await createTestDatabase('it_presale_search');
    dropDb = db.drop;
    ds = createServiceDataSource({
      serverUrl: db.serverUrl,
      database: db.name,
      entities: [],
      migrations: presaleMigrations,
    });
    await ds.initialize();
    await ds.runMigrations();
    service = new PublicSearchService(new PublicSearchRepository(ds));
    await insert({
      number: '430223202406200101-Y01',
      name: '锦绣星城三期（22#栋）',
      issueDate: '2024-08-15',
      certificate: '攸住建预字〔2024〕第015号',
    });
    await insert({ number: '430223202406200101-Y02', name: '锦绣华庭', issueDate: '2024-09-01', status: 'CORRECTED' });
    await insert({
      number: '430223202406200102-Z01',
      name: '锦绣草稿小区',
      issueDate: '2023-05-01',
      backfill: 'DRAFT',
    });
    await insert({
      number: '430223202406200102-Z02',
      name: '锦绣撤回小区',
      issueDate: '2023-05-02',
      status: 'WITHDRAWN',
    });
    await insert({ number: '430223202406200103-Y01', name: '锦绣联调测试', issueDate: '2024-10-01', sandbox: true });
    await insert({
      number: '430223202406200104-Z01',
      name: '河东花园',
      issueDate: '2022-03-01',
      backfill: 'SUBMITTED',
    });
    await insert({ number: '430223202406200105-Y01', name: '星城100%_纯', issueDate: '2024-01-01' });
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropDb?.();
  });

  it('finds by part of the project name, newest first; drafts, withdrawn numbers and sandbox records never', async () => {
    const page = await search({ by: 'projectName', q: ' 锦绣 ', page: 1, pageSize: 20 });
    expect(page.items.map((i) => [i.presaleNumber, i.status])).toEqual([
      ['430223202406200101-Y02', 'CORRECTED'],
      ['430223202406200101-Y01', 'VALID'],
    ]);
    expect([page.total, page.totalIsLowerBound]).toEqual([2, undefined]);
    expect(await numbers({ by: 'projectName', q: '星城三' })).toEqual(['430223202406200101-Y01']);
    expect(await numbers({ by: 'projectName', q: '花园' })).toEqual(['430223202406200104-Z01']); // a submitted backfill is public
    expect(await numbers({ by: 'projectName', q: '草稿' })).toEqual([]);
    expect(await numbers({ by: 'projectName', q: '撤回' })).toEqual([]);
    expect(await numbers({ by: 'projectName', q: '联调' })).toEqual([]);
  });

  it('answers the public fields only, with the verification path of the QR', async () => {
    const [item] = (await search({ by: 'presaleNumber', q: '430223202406200101-Y01' })).items;
    expect(Object.keys(item!).sort()).toEqual(PUBLIC_KEYS);
    expect(item).toMatchObject({
      projectName: '锦绣星城三期（22#栋）',
      developerName: '攸县锦绣置业有限公司',
      localCertificateNumber: '攸住建预字〔2024〕第015号',
      regionCode: '430223',
      regionName: expect.stringContaining('攸县'),
      verifyPath: '/V/TOKEN430223202406200101Y01',
    });
    expect(JSON.stringify(item)).not.toMatch(/91430223MA4Q0ABC1X|43050162123400000123|113\.3/);
  });

  it('finds a unified number exactly (typed in lower case or full width) and never a draft by its number', async () => {
    expect(await numbers({ by: 'presaleNumber', q: '４３０２２３２０２４０６２００１０１-y02' })).toEqual([
      '430223202406200101-Y02',
    ]);
    expect(await numbers({ by: 'presaleNumber', q: '430223202406200102-Z01' })).toEqual([]);
    expect(await numbers({ by: 'presaleNumber', q: '430223202406200103-Y01' })).toEqual([]); // sandbox only
  });

  it('finds a local certificate number whatever its width and spaces', async () => {
    expect(await numbers({ by: 'localCertificateNumber', q: '攸住建预字〔２０２４〕第 015 号' })).toEqual([
      '430223202406200101-Y01',
    ]);
    expect(await numbers({ by: 'localCertificateNumber', q: '攸住建预字〔2024〕第Z02号' })).toEqual([]);
  });

  it('takes LIKE wildcards in a name literally, and pages', async () => {
    expect(await numbers({ by: 'projectName', q: '0%_' })).toEqual(['430223202406200105-Y01']);
    expect(await numbers({ by: 'projectName', q: '%%' })).toEqual([]);
    const second = await search({ by: 'projectName', q: '锦绣', page: 2, pageSize: 1 });
    expect([second.items.map((i) => i.presaleNumber), second.total]).toEqual([['430223202406200101-Y01'], 2]);
  });

  it('refuses a bad payload sent straight over NATS with 400 VALIDATION_FAILED naming the field', async () => {
    expect(await refusal({ by: 'projectName', q: '锦' })).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: ['q'],
    });
    expect(await refusal({ by: 'owner', q: '张三' })).toMatchObject({ fields: ['by'] });
    expect(await refusal({ by: 'presaleNumber', q: '430223202406200101-Y00' })).toMatchObject({ fields: ['q'] });
    expect(await refusal({ by: 'projectName', q: '锦绣', pageSize: 51, page: 0 })).toMatchObject({
      fields: ['page', 'pageSize'],
    });
    expect(await refusal({ by: 'projectName', q: 'x'.repeat(51) })).toMatchObject({ fields: ['q'] });
    expect(await refusal({ by: 'projectName', q: '锦绣', developerCreditCode: '9143' })).toMatchObject({
      fields: ['developerCreditCode'],
    });
    expect(await refusal(['锦绣'])).toMatchObject({ fields: ['body'] });
    expect(await refusal({})).toMatchObject({ fields: ['by', 'q'] });
  });

  it('serves each kind of term from its partial index once there are many permits', async () => {
    await ds
      .transaction(async (m) => {
        // 5,000 more public permits (rolled back), so a whole-index scan of another partial index is no cheaper
        await m.query(
          `INSERT INTO presale_permit (sandbox, presale_number, permit_number, letter, serial, region_code, project_code, client_id, record, record_digest, chain_token, log_index, status, certificate_key)
           SELECT false, '8' || lpad(i::text, 17, '0') || '-Y01', '8' || lpad(i::text, 17, '0'), 'Y', 1, '430223', 'P', 'c',
             jsonb_build_object('projectName', '项目' || i || '号楼', 'issueDate', '2024-01-01'), repeat('0', 32), 't', 1000 + i, 'VALID', 'K' || i
           FROM generate_series(1, 5000) AS i`,
        );
        // the GIN indexes' pending lists merged, as autovacuum does after a bulk insert
        await m.query(
          `SELECT gin_clean_pending_list('presale_permit_public_name_trgm_idx'), gin_clean_pending_list('presale_permit_public_name_grams_idx')`,
        );
        await m.query(`ANALYZE presale_permit`);
        // a sequential scan of a few thousand rows costs little: forbid it, so the plan shows which index serves
        await m.query(`SET LOCAL enable_seqscan = off`);
        const plan = async (where: string): Promise<string> =>
          (
            (await m.query(
              `EXPLAIN SELECT 1 FROM presale_permit p WHERE NOT p.sandbox AND p.status <> 'WITHDRAWN' AND ${where}`,
            )) as Array<{ 'QUERY PLAN': string }>
          )
            .map((r) => r['QUERY PLAN'])
            .join('\n');
        expect(await plan(`p.project_name ILIKE '%星城三%'`)).toContain('presale_permit_public_name_trgm_idx');
        expect(await plan(`p.project_name ILIKE '%锦绣%' AND p.name_grams @> ARRAY['锦绣']`)).toContain(
          'presale_permit_public_name_grams_idx',
        );
        expect(await plan(`p.certificate_key = 'K77'`)).toContain('presale_permit_public_certificate_idx');
        throw new Error('rollback');
      })
      .catch((err: Error) => {
        if (err.message !== 'rollback') throw err;
      });
  });
});
