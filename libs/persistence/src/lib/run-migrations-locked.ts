import { DataSource, Migration, MigrationExecutor } from 'typeorm';

const LOCK_KEY_SQL = `hashtext('migrations:' || current_database())`;

export interface RunMigrationsLockedOptions {
  /** TypeORM transaction mode, default 'all' (every pending migration in one transaction). */
  transaction?: 'all' | 'each' | 'none';
}

/**
 * Runs pending migrations while holding a session advisory lock on one dedicated connection, so
 * replicas starting together migrate exactly once (the others wait, then find nothing pending).
 * The migrations run on that same connection, so even a pool of size 1 cannot deadlock.
 * Resolves with the migrations this call executed.
 */
export async function runMigrationsLocked(
  dataSource: DataSource,
  options: RunMigrationsLockedOptions = {},
): Promise<Migration[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query(`SELECT pg_advisory_lock(${LOCK_KEY_SQL})`);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = options.transaction ?? 'all';
      return await executor.executePendingMigrations();
    } finally {
      // If the connection broke, the session lock is gone already; keep the original error.
      await queryRunner.query(`SELECT pg_advisory_unlock(${LOCK_KEY_SQL})`).catch(() => undefined);
    }
  } finally {
    await queryRunner.release();
  }
}
