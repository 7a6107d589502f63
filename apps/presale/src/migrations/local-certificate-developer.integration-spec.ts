import { createServiceDataSource } from '@hn/persistence';
import { createTestDatabase } from '@hn/testing';
import { DataSource } from 'typeorm';
import { presaleMigrations } from '.';
import { LocalCertificateDeveloper1766200000000 } from './1766200000000-local-certificate-developer';

/** Migration 1766200000000 on a database that already holds presale permits (some sharing a certificate). */
describe(LocalCertificateDeveloper1766200000000.name, () => {
  let ds: DataSource;
  let dropDb: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase('it_presale_mig');
    dropDb = db.drop;
    ds = createServiceDataSource({
      serverUrl: db.serverUrl,
      database: db.name,
      entities: [],
      // every migration before this one (later ones build on its columns)
      migrations: presaleMigrations.slice(0, presaleMigrations.indexOf(LocalCertificateDeveloper1766200000000)),
    });
    await ds.initialize();
    await ds.runMigrations();
  });

  afterAll(async () => {
    await ds?.destroy();
    await dropDb?.();
  });

  it('keys existing records, keeps the earliest of duplicates in the unique index, frees withdrawn ones and replays the replica', async () => {
    const insert = (
      sandbox: boolean,
      number: string,
      status: string,
      issuedAt: string,
      authority: string,
      certificate: string,
    ): Promise<unknown> =>
      ds.query(
        `INSERT INTO presale_permit (sandbox, presale_number, permit_number, letter, serial, region_code, project_code, client_id, record, record_digest, chain_token, log_index, status, issued_at)
         VALUES ($1, $2, substr($2, 1, 18), substr($2, 20, 1), substr($2, 21, 2)::int, '430223', 'P1', 'c', $3, repeat('0', 32), 't', 0, $4, $5)`,
        [
          sandbox,
          number,
          JSON.stringify({ issuingAuthority: authority, localCertificateNumber: certificate }),
          status,
          issuedAt,
        ],
      );
    await insert(
      false,
      '430223202406200101-Y01',
      'VALID',
      '2024-08-01T00:00:00Z',
      '攸县住房和城乡建设局',
      '攸住建预字〔2024〕第015号',
    );
    await insert(
      false,
      '430223202406200101-Y02',
      'VALID',
      '2024-08-02T00:00:00Z',
      ' 攸县住房和城乡建设局',
      '攸住建预字〔２０２４〕第 015号 ',
    );
    await insert(
      false,
      '430223202406200101-Z01',
      'WITHDRAWN',
      '2024-07-01T00:00:00Z',
      '攸县住房和城乡建设局',
      '攸住建预字〔2024〕第015号',
    );
    await insert(
      true,
      '430223202406200101-Y01',
      'VALID',
      '2024-08-03T00:00:00Z',
      '攸县住房和城乡建设局',
      '攸住建预字〔2024〕第015号',
    );
    await ds.query(
      `INSERT INTO inbox_event (consumer, event_id) VALUES ('presale-permit-replica', gen_random_uuid()), ('other-consumer', gen_random_uuid())`,
    );
    await ds.query(
      `INSERT INTO permit_replica VALUES ('430223202406200101', 'P1', '锦绣星城', '430223', 'PRESALE', 'VALID', '2024-06-20', now())`,
    );

    await new LocalCertificateDeveloper1766200000000().up(ds.createQueryRunner());

    const rows = (await ds.query(
      `SELECT sandbox, presale_number, authority_key, certificate_key FROM presale_permit ORDER BY sandbox, presale_number`,
    )) as Array<Record<string, unknown>>;
    expect(rows).toEqual([
      {
        sandbox: false,
        presale_number: '430223202406200101-Y01',
        authority_key: '攸县住房和城乡建设局',
        certificate_key: '攸住建预字〔2024〕第015号',
      },
      { sandbox: false, presale_number: '430223202406200101-Y02', authority_key: null, certificate_key: null }, // the later duplicate stays outside the index
      { sandbox: false, presale_number: '430223202406200101-Z01', authority_key: null, certificate_key: null }, // withdrawn: frees the certificate
      {
        sandbox: true,
        presale_number: '430223202406200101-Y01',
        authority_key: '攸县住房和城乡建设局',
        certificate_key: '攸住建预字〔2024〕第015号',
      },
    ]);
    // the index now refuses a second live record of the same certificate
    await expect(
      ds.query(
        `UPDATE presale_permit SET authority_key = '攸县住房和城乡建设局', certificate_key = '攸住建预字〔2024〕第015号' WHERE sandbox = false AND presale_number = '430223202406200101-Y02'`,
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'presale_permit_local_certificate_uq' });
    expect(await ds.query(`SELECT consumer FROM inbox_event ORDER BY consumer`)).toEqual([
      { consumer: 'other-consumer' },
    ]);
    expect(await ds.query(`SELECT developer_name, developer_credit_code FROM permit_replica`)).toEqual([
      { developer_name: null, developer_credit_code: null },
    ]);
  });
});
