import { ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { permitBody, presaleSubmission } from './support/fixtures';
import { TestPlatform } from './support/platform';

const execFileAsync = promisify(execFile);
const EXAMPLE_DIR = join(__dirname, '..', 'docs', 'examples', 'java');
const PERMIT = '430223202406200101';
const UNIT = '2024-430223-70-03-012345-DT022';
const PROBE_UNIT = 'E2E-PROBE-UNIT-NOT-IN-ANY-PERMIT';
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Issue 16 item 2: docs/examples/java/PresaleClient.java compiled with javac (--release 11) and run
 * with java against the platform, unchanged, with the shipped presale-request.json.
 */
describe('Java example (e2e)', () => {
  let platform: TestPlatform;
  let classes: string;
  let credential: { clientId: string; clientSecret: string };
  let issuer: string;

  const api = (path: string, token: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${platform.gatewayUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
  const start = (key: string, extra: Record<string, string> = {}): { child: ChildProcess; done: Promise<Run> } => {
    const child = spawn('java', ['-cp', classes, 'PresaleClient'], {
      cwd: EXAMPLE_DIR,
      env: {
        PATH: process.env['PATH'] ?? '',
        PRESALE_BASE_URL: platform.gatewayUrl,
        PRESALE_CLIENT_ID: credential.clientId,
        PRESALE_CLIENT_SECRET: credential.clientSecret,
        PRESALE_IDEMPOTENCY_KEY: key,
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    const done = new Promise<Run>((resolve) =>
      child.once('close', (code) =>
        resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
      ),
    );
    return { child, done };
  };
  const printed = (run: Run): { presaleNumber: string; verifyUrl: string } => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const presaleNumber = /^预售许可证号 presaleNumber: (\S+)$/m.exec(run.stdout)?.[1];
    const verifyUrl = /^核验网址 verifyUrl: (\S+)$/m.exec(run.stdout)?.[1];
    expect({ presaleNumber, verifyUrl, stdout: run.stdout }).toEqual({
      presaleNumber: expect.stringMatching(/^430223202406200101-Y\d{2}$/),
      verifyUrl: expect.stringMatching(/^HTTP:\/\/127\.0\.0\.1:\d+\/V\//),
      stdout: run.stdout,
    });
    return { presaleNumber: presaleNumber!, verifyUrl: verifyUrl! };
  };
  /** Another 预售许可证 of the same permit (a local certificate number gets one unified number only). */
  const requestFile = (localCertificateNumber: string): string => {
    const file = join(classes, `${localCertificateNumber.replace(/\D/g, '')}.json`);
    writeFileSync(file, JSON.stringify(presaleSubmission({ localCertificateNumber })));
    return file;
  };
  const record = async (presaleNumber: string): Promise<{ presaleNumber: string; verifyUrl: string }> => {
    const res = await api(`/api/v1/presale-permits/${presaleNumber}`, issuer);
    expect(res.status).toBe(200);
    return (await res.json()) as { presaleNumber: string; verifyUrl: string };
  };

  beforeAll(async () => {
    // a missing JDK fails the suite (CI has /usr/bin/javac); it is never skipped
    try {
      await execFileAsync('javac', ['-version']);
    } catch (err) {
      throw new Error(
        `未找到 javac，无法编译 Java 示例；请安装 JDK 11 或更高版本 (javac not found: install a JDK 11+, CI uses /usr/bin/javac): ${String(err)}`,
      );
    }
    classes = mkdtempSync(join(tmpdir(), 'hn-java-example-'));
    await execFileAsync('javac', [
      '-Xlint:all',
      '-Werror',
      '--release',
      '11',
      '-d',
      classes,
      join(EXAMPLE_DIR, 'PresaleClient.java'),
    ]);

    platform = await TestPlatform.start(['permits', 'presale']);
    const writer = await platform.token(
      await platform.createIntegrator(['430223'], ['permits:read', 'approval:write']),
    );
    const put = await api(`/api/v1/approval/construction-permits/${PERMIT}`, writer, {
      method: 'PUT',
      body: JSON.stringify(permitBody()),
    });
    expect(`${put.status} ${await put.text()}`).toMatch(/^201 /);
    credential = await platform.createIntegrator(['430223'], ['permits:read', 'presale:issue']);
    issuer = await platform.token(credential);

    // the presale service learns the permit from events: wait with a request that cannot succeed
    const deadline = Date.now() + 30_000;
    for (let i = 0; ; i++) {
      const res = await api('/api/v1/presale-permits', issuer, {
        method: 'POST',
        headers: { 'idempotency-key': `probe-${i}` },
        body: JSON.stringify(presaleSubmission({ unitCodes: [UNIT, PROBE_UNIT] })),
      });
      const text = await res.text();
      if (res.status === 422 && text.includes('UNIT_NOT_IN_PERMITS') && !text.includes(UNIT)) break;
      if (Date.now() > deadline) throw new Error(`permit not replicated to the presale service: ${res.status} ${text}`);
      await sleep(200);
    }
  });

  afterAll(async () => {
    await platform?.stop();
    if (classes) rmSync(classes, { recursive: true, force: true });
  });

  it('ships a request file the platform accepts as it is', () => {
    expect(JSON.parse(readFileSync(join(EXAMPLE_DIR, 'presale-request.json'), 'utf8'))).toEqual(presaleSubmission());
  });

  it('obtains a token, looks up the permit, issues a number and prints it with the verification URL', async () => {
    const run = await start('java-example-1').done;
    expect(run.stdout).toContain('已取得访问令牌 access token obtained');
    expect(run.stdout).toContain(`施工许可证 construction permit ${PERMIT}: 锦绣星城三期（22#栋）`);
    const first = printed(run);
    expect(first.presaleNumber).toBe(`${PERMIT}-Y01`);
    expect(await record(first.presaleNumber)).toMatchObject(first);

    // a second run with the same key: the same number, no new serial
    const again = printed(await start('java-example-1').done);
    expect(again).toEqual(first);
  });

  it('retries on 503 with the same key until the presale service is back, then prints the one number', async () => {
    await platform.stopService('presale');
    const running = start('java-example-2', {
      PRESALE_MAX_ATTEMPTS: '15',
      PRESALE_REQUEST_FILE: requestFile('攸住建预字〔2024〕第016号'),
    });
    let output = '';
    running.child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
    const deadline = Date.now() + 30_000;
    while (!/返回 503/.test(output) && Date.now() < deadline) await sleep(100);
    expect(output).toMatch(/第 1 次取号返回 503，\d+ 秒后用同一幂等键重试/);
    await platform.startService('presale');
    const run = await running.done;
    const issued = printed(run);
    expect(issued.presaleNumber).toBe(`${PERMIT}-Y02`);
    expect(await record(issued.presaleNumber)).toMatchObject(issued);
    // the retries took no serial of their own: the next number is Y03
    const next = printed(
      await start('java-example-3', { PRESALE_REQUEST_FILE: requestFile('攸住建预字〔2024〕第017号') }).done,
    );
    expect(next.presaleNumber).toBe(`${PERMIT}-Y03`);
  });

  it('exits with a message when the credentials are missing', async () => {
    const run = await start('java-example-4', { PRESALE_CLIENT_SECRET: '' }).done;
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('缺少环境变量 missing environment variable PRESALE_CLIENT_SECRET');
  });
});
