import { readFileSync, writeFileSync } from 'node:fs';
import { guidePath, renderTable, repoRoot, tableRows, withTable } from './error-table';

/** `npm run docs:errors` writes the table; `-- --check` only reports whether the guide is current. */
function main(): void {
  const root = repoRoot();
  const file = guidePath(root);
  const current = readFileSync(file, 'utf8');
  const rows = tableRows(root);
  const next = withTable(current, renderTable(rows));
  if (process.argv.includes('--check')) {
    if (next !== current) {
      process.stderr.write('错误代码表不是最新的，请运行 npm run docs:errors (the error table is out of date)\n');
      process.exit(1);
    }
    process.stdout.write(`错误代码表是最新的 error table current: ${rows.length} codes\n`);
    return;
  }
  if (next !== current) writeFileSync(file, next);
  process.stdout.write(`已写入错误代码表 error table written: ${rows.length} codes → ${file}\n`);
}

main();
