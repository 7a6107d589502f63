// Runs a compiled entry point from dist/ with the workspace path aliases (@hn/*) mapped to dist.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));
const paths = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  paths[alias] = [target.replace(/\.ts$/, '.js')];
}
require('tsconfig-paths').register({ baseUrl: dist, paths });
const entry = process.argv[2];
if (!entry) {
  console.error('用法 usage: node tools/run.js <path relative to dist, e.g. apps/gateway/src/main.js> [args]');
  process.exit(2);
}
const file = path.join(dist, entry);
if (!fs.existsSync(file)) {
  console.error(`未找到已编译文件 compiled file not found: ${file} — 请先运行 npm run build`);
  process.exit(2);
}
process.argv.splice(2, 1);
require(file);
