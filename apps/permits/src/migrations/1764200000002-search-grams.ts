import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-character Chinese search terms (花园, 星城) have no trigram, so the trigram index cannot serve
 * them: keep the name's distinct lower-cased bigrams in an array with a GIN index. Also an index on
 * issue date for the newest-first ordering of common terms.
 */
export class SearchGrams1764200000002 implements MigrationInterface {
  name = 'SearchGrams1764200000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION hn_name_bigrams(name text) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT coalesce(array_agg(DISTINCT substr(lower(name), i, 2)), '{}')
          FROM generate_series(1, char_length(name) - 1) AS i
      $$`);
    await q.query(
      `ALTER TABLE construction_permit ADD COLUMN name_grams text[] GENERATED ALWAYS AS (hn_name_bigrams(project_name)) STORED`,
    );
    await q.query(`CREATE INDEX construction_permit_name_grams_idx ON construction_permit USING gin (name_grams)`);
    await q.query(
      `CREATE INDEX construction_permit_issue_date_idx ON construction_permit (issue_date DESC, permit_number)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX construction_permit_issue_date_idx`);
    await q.query(`ALTER TABLE construction_permit DROP COLUMN name_grams`);
    await q.query(`DROP FUNCTION hn_name_bigrams(text)`);
  }
}
