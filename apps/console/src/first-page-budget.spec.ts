import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';

/**
 * Budget of issue 12: the JavaScript the console's first page loads — the module index.html names
 * and everything it imports statically, as tsc emits it — is at most 500 kB gzip, and no page
 * module is among it (each route's page is a dynamic import()).
 */
const SRC = __dirname;
const BUDGET_GZIP_BYTES = 500 * 1024;
const options = JSON.parse(readFileSync(join(SRC, '..', 'tsconfig.json'), 'utf8')) as {
  compilerOptions: { target: string; module: string };
};

function emitted(file: string): string {
  return ts.transpileModule(readFileSync(file, 'utf8'), {
    compilerOptions: {
      target: ts.ScriptTarget[options.compilerOptions.target as keyof typeof ts.ScriptTarget],
      module: ts.ModuleKind[options.compilerOptions.module as keyof typeof ts.ModuleKind],
    },
  }).outputText;
}

/** Static imports and re-exports (`import … from`, `export … from`, side-effect `import '…'`), not import(). */
function staticImports(js: string): string[] {
  const source = ts.createSourceFile('m.js', js, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier) &&
      !(ts.isImportDeclaration(statement) && statement.importClause?.isTypeOnly)
    )
      out.push(statement.moduleSpecifier.text);
  }
  return out;
}

/** The first page's modules (source paths relative to src/) and their emitted JavaScript. */
function firstPage(): Map<string, string> {
  const html = readFileSync(join(SRC, 'index.html'), 'utf8');
  const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  expect(entries).toEqual(['main.js']);
  const graph = new Map<string, string>();
  const visit = (jsPath: string): void => {
    const file = normalize(jsPath.replace(/\.js$/, '.ts'));
    const key = relative(SRC, file);
    if (graph.has(key)) return;
    const js = emitted(file);
    graph.set(key, js);
    for (const spec of staticImports(js)) {
      expect({ in: key, spec }).toEqual({ in: key, spec: expect.stringMatching(/^\.\.?\/.*\.js$/) });
      visit(join(dirname(file), spec));
    }
  };
  for (const entry of entries) visit(join(SRC, entry));
  return graph;
}

describe('console first page budget', () => {
  const graph = firstPage();

  it('loads at most 500 kB of JavaScript gzip at start (index.html → main.js → static imports)', () => {
    const gzip = gzipSync(Buffer.from([...graph.values()].join('\n'))).length;
    expect(gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    expect(graph.size).toBeGreaterThan(3); // main.js and its helpers were followed
  });

  it('splits by route: no page module is loaded before its route opens', () => {
    expect([...graph.keys()].filter((k) => k.startsWith('pages/'))).toEqual([]);
    expect(graph.has('main.ts')).toBe(true);
    expect(graph.get('main.ts')).toMatch(/import\(['"]\.\/pages\/alerts\.js['"]\)/);
  });
});
