import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One fenced ```bash / ```sh block of a Markdown document, with the line its code starts on (1-based). */
export interface ShellBlock {
  line: number;
  code: string;
}

const FENCE_OPEN = /^```(bash|sh)\s*$/;
const FENCE_CLOSE = /^```\s*$/;
/** The docs' marker for an expected non-2xx answer of the next curl: `# 预期 expect: 409`. */
export const EXPECT_MARKER = /^(\s*)# 预期 expect: (\d{3})\b.*$/;

export function shellBlocks(markdown: string): ShellBlock[] {
  const blocks: ShellBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE_OPEN.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !FENCE_CLOSE.test(lines[end])) end++;
    blocks.push({ line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

/** The prelude the test puts before a document's blocks (curl checked for 2xx or the marked status). */
const PRELUDE = readFileSync(join(__dirname, 'doc-prelude.sh'), 'utf8');

/** The whole document as one bash script: the prelude, then each block (markers turned into __doc_expect). */
export function documentScript(markdown: string): string {
  const parts = [PRELUDE];
  for (const block of shellBlocks(markdown)) {
    parts.push(`__doc_block ${block.line}`);
    parts.push(block.code.replace(new RegExp(EXPECT_MARKER.source, 'gm'), '$1__doc_expect $2 # $&'));
  }
  parts.push('echo "docs-test: statuses"; cat "$__DOC_STATE/statuses" 2>/dev/null || true; rm -rf "$__DOC_STATE"');
  return parts.join('\n') + '\n';
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a document's blocks in order with bash in `cwd`, with `env` added to this process's environment. */
export function runDocument(
  file: string,
  cwd: string,
  env: Record<string, string>,
  timeoutMs = 50_000,
): Promise<ScriptRun> {
  const script = documentScript(readFileSync(file, 'utf8'));
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
