import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { BulkImporter } from '../bulk-import/bulk-importer';
import { parseImportFile } from '../bulk-import/parse-import-file';
import { ConstructionPermitsRepository } from '../construction-permits/construction-permits.repository';
import { PermitUpsertService } from '../construction-permits/permit-upsert.service';
import { SandboxPermitsRepository } from '../construction-permits/sandbox-permits.repository';
import { SandboxPermitsService } from '../construction-permits/sandbox-permits.service';
import { openPermitsDataSource } from './permits-data-source';

const USAGE = '用法 usage: npm run permits:import -- --file permits.csv [--format csv|json] [--dry-run]';

/**
 * Bulk import of construction permits from CSV/JSON. Progress goes to stderr, the report (one JSON
 * line: counts and every row error) to stdout. Exit code 0 when every row is valid, 2 otherwise.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { file: { type: 'string' }, format: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.file) throw new Error(USAGE);
  const format = (values.format ?? extname(values.file).slice(1).toLowerCase()) as 'csv' | 'json';
  if (format !== 'csv' && format !== 'json') throw new Error(`无法识别的文件格式 unknown format "${format}". ${USAGE}`);
  const records = parseImportFile(readFileSync(values.file), format);
  const dryRun = values['dry-run'] ?? false;
  const dataSource = await openPermitsDataSource();
  try {
    const upserts = new PermitUpsertService(
      dataSource,
      new ConstructionPermitsRepository(dataSource),
      new SandboxPermitsService(dataSource, new SandboxPermitsRepository(dataSource)),
    );
    const report = await new BulkImporter().run(
      records,
      {
        dryRun,
        onProgress: (p) =>
          process.stderr.write(
            `进度 progress: ${p.processed}/${p.total}（有效 valid ${p.report.valid}，无效 invalid ${p.report.invalid}）\n`,
          ),
      },
      {
        upsert: async (permitNumber, body) =>
          (await dataSource.transaction((m) => upserts.upsertIn(m, permitNumber, body))).outcome,
      },
    );
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return report.invalid + report.failed > 0 ? 2 : 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`导入失败 import failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
