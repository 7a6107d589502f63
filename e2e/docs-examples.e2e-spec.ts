import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDocument, shellBlocks } from './support/doc-shell';
import { TestPlatform } from './support/platform';

const ROOT = join(__dirname, '..');
const GUIDE = join(ROOT, 'docs', 'integration-guide.md');
const STOCK = join(ROOT, 'docs', 'stock-projects.md');
const PROBE_UNIT = 'E2E-PROBE-UNIT-NOT-IN-ANY-PERMIT';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 16 item 1: the fenced shell blocks of docs/integration-guide.md and docs/stock-projects.md run verbatim, in order, with bash
 * against the platform (BASE set to its gateway). Every curl must answer 2xx unless the line before says
 * `# 预期 expect: NNN`; any other failing command fails the run. The platform holds what `npm start` loads
 * first (the demo set's work-plan permit 430223202406200101); the document creates its own credentials.
 */
describe('Integration guide examples (e2e)', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'presale', 'contracts', 'escrow']);
    // what npm start loads (tools/start.sh: demo-load), the work-plan example first
    await platform.cli('demo:load', ['--count', '1']);

    // the presale service learns the permit from events: wait with a request that cannot succeed
    const issuer = await platform.token(await platform.createIntegrator(['430223'], ['permits:read', 'presale:issue']));
    const body = JSON.parse(readFileSync(join(ROOT, 'docs', 'examples', 'presale.json'), 'utf8')) as {
      unitCodes: string[];
    };
    const deadline = Date.now() + 30_000;
    for (let i = 0; ; i++) {
      const res = await fetch(`${platform.gatewayUrl}/api/v1/presale-permits`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${issuer}`,
          'content-type': 'application/json',
          'idempotency-key': `docs-probe-${i}`,
        },
        body: JSON.stringify({ ...body, unitCodes: [...body.unitCodes, PROBE_UNIT] }),
      });
      const text = await res.text();
      if (res.status === 422 && text.includes('UNIT_NOT_IN_PERMITS') && !text.includes(body.unitCodes[0])) break;
      if (Date.now() > deadline) throw new Error(`permit not replicated to the presale service: ${res.status} ${text}`);
      await sleep(200);
    }
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const code = (file: string): string =>
    shellBlocks(readFileSync(file, 'utf8'))
      .map((b) => b.code)
      .join('\n');
  /** every curl line either fails on non-2xx itself or carries the expectation marker on the line before */
  const expectEveryCurlChecked = (text: string): void => {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (!/\bcurl\b/.test(line) || line.trimStart().startsWith('#')) return;
      const marked = /# 预期 expect: \d{3}/.test(lines[i - 1] ?? '');
      expect({ line, ok: marked || / --fail(-with-body)? /.test(line) }).toEqual({ line, ok: true });
    });
  };

  it('fails a document on a non-2xx it does not expect, and on an expected status that does not come', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hn-docs-test-'));
    const doc = (body: string): string => {
      const file = join(dir, `${Math.random().toString(36).slice(2)}.md`);
      writeFileSync(file, `# t\n\n\`\`\`bash\n${body}\n\`\`\`\n`);
      return file;
    };
    const env = { BASE: platform.gatewayUrl };
    try {
      const unknown = '"$BASE/api/v1/construction-permits/430223202406209901"';
      const unexpected = await runDocument(doc(`X=$(curl -sS ${unknown})\necho after`), dir, env);
      expect(unexpected.code).not.toBe(0);
      expect(unexpected.stderr).toContain('docs-test: HTTP 401');
      expect(unexpected.stdout).not.toContain('after');
      const expected = await runDocument(doc(`# 预期 expect: 401\nX=$(curl -sS ${unknown})\necho after`), dir, env);
      expect({ code: expected.code, stdout: expected.stdout }).toEqual({
        code: 0,
        stdout: expect.stringContaining('after'),
      });
      const wrong = await runDocument(doc(`# 预期 expect: 409\ncurl -sS ${unknown}`), dir, env);
      expect(wrong.stderr).toContain('docs-test: HTTP 401, the document expects 409');
      // an expectation is used once: the next curl must be 2xx again
      const once = await runDocument(doc(`# 预期 expect: 401\ncurl -sS ${unknown}\ncurl -sS ${unknown}`), dir, env);
      expect(once.code).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has shell blocks for the whole vendor flow, each curl failing on an unexpected status', () => {
    const guide = code(GUIDE);
    for (const step of [
      'integrator:create',
      '/api/v1/oauth/token',
      '/api/v1/construction-permits/',
      '/api/v1/presale-permits',
      '/print-layout.pdf',
      '/public/v1/verify',
      '/api/v1/contract-filings',
      '/cancel',
      '--sandbox',
    ]) {
      expect(guide).toContain(step);
    }
    expectEveryCurlChecked(guide);
    expectEveryCurlChecked(code(STOCK));
  });

  it('runs every shell block of docs/integration-guide.md verbatim against the platform', async () => {
    const run = await runDocument(GUIDE, ROOT, { ...platform.env, BASE: platform.gatewayUrl });
    expect({ code: run.code, stderr: run.code === 0 ? '' : `${run.stderr}\n${run.stdout}` }).toEqual({
      code: 0,
      stderr: '',
    });
    // the flow went through: the number issued, retried to the same number, printed, verified, filed, cancelled
    expect(run.stdout).toMatch(/^PRESALE_NUMBER=430223202406200101-Y\d{2}$/m);
    expect(run.stdout).toMatch(/^CONTRACT_NUMBER=430223202406200101-Y\d{2}-B0001$/m);
    expect(run.stdout).toContain('HTTP 409 (expected 409)');
  });

  it('runs every shell block of docs/stock-projects.md verbatim against the platform', async () => {
    const run = await runDocument(STOCK, ROOT, { ...platform.env, BASE: platform.gatewayUrl });
    expect({ code: run.code, stderr: run.code === 0 ? '' : `${run.stderr}\n${run.stdout}` }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(run.stdout).toContain('"presaleNumber": "430223202406200201-Z01"');
  });
});
