#!/usr/bin/env node
// Generates libs/numbering/src/lib/data/gb2260-hunan.data.ts from the CC0 GB/T 2260 Hunan table.
//
//   node tools/gen-regions.js [path-to-csv]
//
// Default input: ../shared/data/gb2260-hunan.csv (relative to the workspace root).
// Plain node, no dependencies. The output is deterministic (sorted by code, then start year), so
// re-running it on the same CSV produces a byte-identical file.
//
// new_code handling: the source lists successor codes separated by ';'. An entry with a bracketed
// year, e.g. `430211[1984]`, records that *part* of the area was transferred to that code in that
// year while the code itself lived on; it is not a successor and is dropped. The remaining (plain)
// entries are what the code became at its end year and end up in `newCode`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const defaultCsv = path.resolve(root, '..', 'shared', 'data', 'gb2260-hunan.csv');
const outFile = path.join(root, 'libs', 'numbering', 'src', 'lib', 'data', 'gb2260-hunan.data.ts');

const REQUIRED_COLUMNS = ['code', 'name', 'level', 'parent_code', 'status', 'start_year', 'end_year', 'new_code'];
const LEVELS = new Set(['province', 'prefecture', 'county']);
const STATUSES = new Set(['active', 'retired', '变更']);

function fail(message) {
  console.error(`gen-regions: ${message}`);
  process.exit(1);
}

/** Minimal RFC 4180 parser: quoted fields, doubled quotes, CRLF or LF line endings. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += ch;
    }
  }
  if (quoted) fail('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

function parseYear(value, column, line, optional) {
  if (value === '' && optional) return null;
  if (!/^\d{4}$/.test(value)) fail(`line ${line}: ${column} "${value}" is not a 4-digit year`);
  return Number(value);
}

function main() {
  const csvPath = path.resolve(process.argv[2] || defaultCsv);
  if (!fs.existsSync(csvPath)) fail(`input not found: ${csvPath}`);
  const text = fs.readFileSync(csvPath, 'utf8').replace(/^\uFEFF/, '');
  const [header, ...records] = parseCsv(text);
  const col = {};
  header.forEach((name, i) => (col[name.trim()] = i));
  for (const name of REQUIRED_COLUMNS) if (!(name in col)) fail(`missing column "${name}"`);

  const rows = records.map((r, idx) => {
    const line = idx + 2;
    if (r.length !== header.length) fail(`line ${line}: expected ${header.length} fields, got ${r.length}`);
    const get = (name) => r[col[name]].trim();
    const code = get('code');
    if (!/^43\d{4}$/.test(code)) fail(`line ${line}: code "${code}" is not a Hunan (43xxxx) code`);
    const name = get('name');
    if (!name) fail(`line ${line}: empty name`);
    const level = get('level');
    if (!LEVELS.has(level)) fail(`line ${line}: unknown level "${level}"`);
    const status = get('status');
    if (!STATUSES.has(status)) fail(`line ${line}: unknown status "${status}"`);
    const parent = get('parent_code');
    if (parent !== '' && !/^\d{6}$/.test(parent)) fail(`line ${line}: parent_code "${parent}" is not 6 digits`);
    const startYear = parseYear(get('start_year'), 'start_year', line, false);
    const endYear = parseYear(get('end_year'), 'end_year', line, true);
    if (endYear !== null && endYear <= startYear) fail(`line ${line}: end_year ${endYear} <= start_year ${startYear}`);
    if ((status === 'active') !== (endYear === null)) {
      fail(`line ${line}: status "${status}" inconsistent with end_year "${get('end_year')}"`);
    }
    const newCode = [];
    for (const entry of get('new_code').split(';').map((s) => s.trim()).filter(Boolean)) {
      const m = /^(\d{6})(?:\[(\d{4})\])?$/.exec(entry);
      if (!m) fail(`line ${line}: new_code entry "${entry}" not understood`);
      if (m[2] === undefined && !newCode.includes(m[1])) newCode.push(m[1]);
    }
    return { code, name, level, parentCode: parent === '' ? null : parent, startYear, endYear, newCode };
  });

  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.startYear - b.startYear));
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1];
    const cur = rows[i];
    if (prev.code === cur.code && (prev.endYear === null || prev.endYear > cur.startYear)) {
      fail(`code ${cur.code}: overlapping validity ${prev.startYear}-${prev.endYear} / ${cur.startYear}-${cur.endYear}`);
    }
  }

  const body = rows
    .map((r) => {
      const parent = r.parentCode === null ? 'null' : `'${r.parentCode}'`;
      const newCode = `[${r.newCode.map((c) => `'${c}'`).join(', ')}]`;
      return (
        `  { code: '${r.code}', name: '${r.name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}', level: '${r.level}', ` +
        `parentCode: ${parent}, startYear: ${r.startYear}, endYear: ${r.endYear === null ? 'null' : r.endYear}, newCode: ${newCode} },`
      );
    })
    .join('\n');

  const out = `// GENERATED FILE — do not edit by hand.
// GB/T 2260 administrative division codes for Hunan (43xxxx) with their history, derived from the
// public-domain (CC0 1.0) data of cn/GB2260 and yescallop/areacodes as published by xihan123/gb2260
// (data/build/areas.csv, see shared/data/README.md).
// Regenerate with \`node tools/gen-regions.js [path-to-csv]\` (default ../shared/data/gb2260-hunan.csv).
// newCode lists the successor codes only; partial transfers ("code[year]" in the source) are dropped.
import type { RegionInfo } from '../region-info';

export const GB2260_HUNAN_REGIONS: readonly RegionInfo[] = [
${body}
];
`;
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, out, 'utf8');
  console.log(`gen-regions: wrote ${rows.length} rows to ${path.relative(root, outFile)}`);
}

main();
