import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One unified number per local certificate, and the permit's developer in the replica:
 * - presale_permit gets the comparison keys of (issuing authority, local certificate number) (NFKC,
 *   whitespace removed, upper case: see local-certificate.ts) and a partial unique index over live
 *   records (not WITHDRAWN: a withdrawn draft frees its certificate for a new backfill), per sandbox.
 *   Existing duplicates keep a NULL key (outside the index) except the earliest of each group.
 * - permit_replica gets the project developer (name, credit code) from hn.permits.permit.* events;
 *   the replica's inbox is cleared so the consumer replays the stream once and fills them.
 */
export class LocalCertificateDeveloper1766200000000 implements MigrationInterface {
  name = 'LocalCertificateDeveloper1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE presale_permit ADD COLUMN authority_key text NULL, ADD COLUMN certificate_key text NULL`,
    );
    await q.query(`
      WITH k AS (
        SELECT sandbox, presale_number,
          upper(regexp_replace(normalize(record->>'issuingAuthority', NFKC), '\\s', '', 'g')) AS a,
          upper(regexp_replace(normalize(record->>'localCertificateNumber', NFKC), '\\s', '', 'g')) AS c,
          row_number() OVER (
            PARTITION BY sandbox, upper(regexp_replace(normalize(record->>'issuingAuthority', NFKC), '\\s', '', 'g')),
              upper(regexp_replace(normalize(record->>'localCertificateNumber', NFKC), '\\s', '', 'g'))
            ORDER BY issued_at, presale_number) AS rn
        FROM presale_permit WHERE status <> 'WITHDRAWN'
      )
      UPDATE presale_permit p SET authority_key = k.a, certificate_key = k.c FROM k
      WHERE p.sandbox = k.sandbox AND p.presale_number = k.presale_number AND k.rn = 1`);
    await q.query(`
      CREATE UNIQUE INDEX presale_permit_local_certificate_uq ON presale_permit (sandbox, authority_key, certificate_key)
      WHERE status <> 'WITHDRAWN' AND certificate_key IS NOT NULL`);
    await q.query(
      `ALTER TABLE permit_replica ADD COLUMN developer_name text NULL, ADD COLUMN developer_credit_code char(18) NULL`,
    );
    await q.query(`DELETE FROM inbox_event WHERE consumer = 'presale-permit-replica'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE permit_replica DROP COLUMN developer_credit_code, DROP COLUMN developer_name`);
    await q.query(`DROP INDEX presale_permit_local_certificate_uq`);
    await q.query(`ALTER TABLE presale_permit DROP COLUMN certificate_key, DROP COLUMN authority_key`);
  }
}
