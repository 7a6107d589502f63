import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const SWEEP_LOCK = 'alerts-daily-sweep';

/** The sweep's one statement of its own: a session advisory lock so one replica runs it at a time. */
@Injectable()
export class SweepRepository {
  constructor(private readonly dataSource: DataSource) {}

  async exclusively<T>(work: () => Promise<T>): Promise<T | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [row] = (await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 11)) AS locked`, [
        SWEEP_LOCK,
      ])) as [{ locked: boolean }];
      if (!row.locked) return null;
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 11))`, [SWEEP_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }
}
