import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose commits change what the summary and the monthly statistics read. */
const READ_TABLES = ['rm_stat_daily', 'rm_stat_monthly', 'rm_stat_flow', 'rm_stat_total', 'alert', 'alert_history'];

/**
 * 统计读取加速 (issue 13): `rm_stat_total`, the stock figures' changes summed over all days per region code
 * (kept by the projection in the same transaction as rm_stat_daily / monthly), so today's summary reads one
 * row per code instead of every month; and a NOTIFY on the channel `hn_statistics_changed` at the commit of
 * any change to what the summary or the monthly statistics read, so the alerts service's read cache
 * (statistics-read-cache.ts) drops its answers exactly when they may have changed.
 */
export class StatisticsReadCache1768600000000 implements MigrationInterface {
  name = 'StatisticsReadCache1768600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_stat_total (LIKE rm_stat_monthly INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    await q.query(`ALTER TABLE rm_stat_total DROP COLUMN month`);
    await q.query(`ALTER TABLE rm_stat_total ADD PRIMARY KEY (region_code)`);
    const columns: Array<{ name: string }> = await q.query(
      `SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'rm_stat_total' AND column_name <> 'region_code'
        ORDER BY ordinal_position`,
    );
    const names = columns.map((c) => `"${c.name}"`);
    await q.query(
      `INSERT INTO rm_stat_total (region_code, ${names.join(', ')})
       SELECT region_code, ${names.map((n) => `sum(${n})`).join(', ')} FROM rm_stat_monthly GROUP BY region_code`,
    );
    await q.query(`
      CREATE FUNCTION rm_stat_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('hn_statistics_changed', '');
        RETURN NULL;
      END $$`);
    for (const t of READ_TABLES)
      await q.query(
        `CREATE TRIGGER ${t}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${t}
           FOR EACH STATEMENT EXECUTE FUNCTION rm_stat_changed()`,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of READ_TABLES) await q.query(`DROP TRIGGER IF EXISTS ${t}_changed ON ${t}`);
    await q.query(`DROP FUNCTION IF EXISTS rm_stat_changed()`);
    await q.query(`DROP TABLE IF EXISTS rm_stat_total`);
  }
}
