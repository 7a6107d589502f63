import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DASHBOARDS } from './definitions';
import { renderAll } from './render';

const root = join(__dirname, '..', '..', '..');
for (const [file, content] of renderAll(DASHBOARDS)) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), content);
  console.log(`wrote ${file}`);
}
