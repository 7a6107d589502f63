import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConstructionPermitsRepository } from '../construction-permits/construction-permits.repository';
import { PermitUpsertService } from '../construction-permits/permit-upsert.service';
import { SandboxPermitsRepository } from '../construction-permits/sandbox-permits.repository';
import { SandboxPermitsService } from '../construction-permits/sandbox-permits.service';
import { BulkSeedRepository } from '../demo-data/bulk-seed.repository';
import { DemoDataGenerator } from '../demo-data/demo-data-generator';
import { openPermitsDataSource } from './permits-data-source';

const BATCH = 250;
const SEED_BATCH = 2000;

/**
 * Loads the demo set once (≥ 5,000 permits across Hunan incl. the work plan's 攸县 example). A second
 * run finds it loaded and does nothing; --force re-applies it (idempotent upserts). --bench-seed
 * writes rows directly without events (benchmark data sets of 100k permits only).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '5000' },
      force: { type: 'boolean', default: false },
      'bench-seed': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new Error('--count 须为 1–1000000 的整数');
  const dataSource = await openPermitsDataSource();
  try {
    const permits = new ConstructionPermitsRepository(dataSource);
    const n = await permits.countPermits();
    if (n >= count && !values.force) {
      process.stdout.write(`演示数据已存在（${n} 条施工许可），跳过 demo data already loaded (${n} permits)\n`);
      return;
    }
    const records = new DemoDataGenerator().generate(count);
    const upserts = new PermitUpsertService(
      dataSource,
      permits,
      new SandboxPermitsService(dataSource, new SandboxPermitsRepository(dataSource)),
    );
    const seeds = new BulkSeedRepository();
    const started = Date.now();
    const step = values['bench-seed'] ? SEED_BATCH : BATCH;
    for (let i = 0; i < records.length; i += step) {
      const batch = records.slice(i, i + step);
      await dataSource.transaction(async (m) => {
        if (values['bench-seed']) await seeds.seed(m, batch);
        else for (const r of batch) await upserts.upsertIn(m, r.permitNumber, r.body);
      });
      process.stdout.write(`\r载入演示数据 loading demo data: ${Math.min(i + step, records.length)}/${records.length}`);
    }
    process.stdout.write(
      `\n演示数据载入完成 demo data loaded: ${records.length} permits in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`演示数据载入失败 demo load failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
