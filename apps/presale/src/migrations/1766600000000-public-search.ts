import { MigrationInterface, QueryRunner } from 'typeorm';

/** Public rows only: real (not 联调测试), not withdrawn (drafts are left out by the query's join). */
const PUBLIC_ROWS = `WHERE NOT sandbox AND status <> 'WITHDRAWN'`;

/**
 * 预售许可证统一查询 (public search, work plan task 7(3)): the project name as a column (from the
 * record) with a trigram index for partial matches of 3+ characters and the name's bigrams (same
 * function as the permits service) for 2-character terms, which have no trigram; the local
 * certificate key (migration 1766200000000) indexed on its own, since a citizen rarely knows the
 * issuing authority's exact name. All partial: only public rows are ever searched.
 */
export class PublicSearch1766600000000 implements MigrationInterface {
  name = 'PublicSearch1766600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE OR REPLACE FUNCTION hn_name_bigrams(name text) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT coalesce(array_agg(DISTINCT substr(lower(name), i, 2)), '{}')
          FROM generate_series(1, char_length(name) - 1) AS i
      $$`);
    await q.query(`
      ALTER TABLE presale_permit
        ADD COLUMN project_name text GENERATED ALWAYS AS (record->>'projectName') STORED,
        ADD COLUMN name_grams text[] GENERATED ALWAYS AS (hn_name_bigrams(record->>'projectName')) STORED`);
    await q.query(
      `CREATE INDEX presale_permit_public_name_trgm_idx ON presale_permit USING gin (project_name gin_trgm_ops) ${PUBLIC_ROWS}`,
    );
    await q.query(
      `CREATE INDEX presale_permit_public_name_grams_idx ON presale_permit USING gin (name_grams) ${PUBLIC_ROWS}`,
    );
    await q.query(
      `CREATE INDEX presale_permit_public_certificate_idx ON presale_permit (certificate_key) ${PUBLIC_ROWS}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX presale_permit_public_certificate_idx`);
    await q.query(`DROP INDEX presale_permit_public_name_grams_idx`);
    await q.query(`DROP INDEX presale_permit_public_name_trgm_idx`);
    await q.query(`ALTER TABLE presale_permit DROP COLUMN name_grams, DROP COLUMN project_name`);
    await q.query(`DROP FUNCTION hn_name_bigrams(text)`);
  }
}
