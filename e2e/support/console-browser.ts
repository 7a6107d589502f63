import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

/**
 * The staff console in a real browser: Debian's chromium (apt-get, never a downloaded browser)
 * driven by playwright-core, axe-core evaluated in the page over the DevTools protocol (the page's
 * CSP stays as served), screenshots once the shipped Chinese font has loaded.
 */
export const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..', '..');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install -y chromium (.ci/run does)`);
  if (!existsSync(join(ROOT, 'dist', 'apps', 'console', 'src', 'main.js')))
    throw new Error('the console is not built: npm run build (tsc -p apps/console/tsconfig.json)');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Serious and critical axe-core violations of the page as it is now (expected to be none). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  // the page's globals, typed here (the e2e project compiles without the DOM library)
  const violations = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      axe: { run: (context: unknown) => Promise<{ violations: unknown[] }> };
      document: unknown;
    };
    return (await g.axe.run(g.document)).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** A PNG under `dir` (the full page, or the viewport e.g. for a modal dialog) once the fonts are ready (no empty boxes for CJK). */
export async function screenshot(page: Page, dir: string, name: string, fullPage = true): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.evaluate(async () => {
    await (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready;
  });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

/** Logs in through the login page with the keyboard and waits for 首页. */
export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/console/#/login`);
  await page.getByLabel('用户名 Username').fill(username);
  await page.getByLabel('密码 Password').fill(password);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '首页 Home', level: 1 }).waitFor();
}

/**
 * A desktop page (1280 × 900, zh-CN, downloads kept) whose requests to anywhere but the gateway
 * (blob: and data: URLs aside) are collected in `external`, expected to stay empty.
 */
export async function desktopPage(browser: Browser, gatewayUrl: string, external: string[]): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(gatewayUrl) && !/^(blob|data):/.test(r.url())) external.push(r.url());
  });
  return page;
}

/** GET a JSON document of the gateway with a bearer token (200 expected). */
export async function bearerJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** RFC 4180: quoted fields (doubled quotes, line breaks inside), CRLF between records. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length) throw new Error('the last record does not end with CRLF');
  return records;
}

/**
 * Clicks the page's 导出 CSV（全部结果） button and reads the file the browser saves: its name, its
 * bytes (the BOM kept) and its records (BOM dropped).
 */
export async function exportCsv(
  page: Page,
  button = '#export-csv',
): Promise<{ name: string; bytes: Buffer; records: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  const bytes = readFileSync((await download.path())!);
  return {
    name: download.suggestedFilename(),
    bytes,
    records: parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')),
  };
}
