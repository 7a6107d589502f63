/**
 * 统计日报 end to end through the gateway (issue 13 item 5): the province writes a date's digests on
 * demand; a county's digest holds the summary's figures as of the date, the change since the previous
 * digest and is written once per region and date; each is published as hn.statistics.digest.published.v1
 * on JetStream; another county's staff cannot read it; the console shows the digests on a phone.
 */
import { join } from 'node:path';
import {
  STATISTICS_FIGURES,
  StatisticsDigest,
  StatisticsDigestGenerateResultV1,
  StatisticsDigestPageV1,
  StatisticsAssessmentV1,
  StatisticsDigestV1,
  StatisticsEvents,
  StatisticsSummaryV1,
  validateEvent,
} from '@hn/messages';
import { waitFor } from '@hn/testing';
import { connect, NatsConnection, Subscription } from 'nats';
import { Browser } from 'playwright-core';
import { launchChromium, logIn, screenshot, seriousViolations } from './support/console-browser';
import { permitBody } from './support/fixtures';
import { TestPlatform } from './support/platform';

const PASSWORD = 'Digests2024ok';
const YX = '430223'; // 攸县
const CL = '430224'; // 茶陵县
const ZZ = '430200';
const PERMIT = '430223202406200101';
const ROOT = join(__dirname, '..');
const SHOTS = process.env['CONSOLE_SCREENSHOT_DIR'] ?? join(ROOT, 'tmp', 'console');
const chinaDay = (offset = 0): string =>
  new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

interface Received {
  subject: string;
  event: { type: string; subject: string; source: string; data: StatisticsDigestV1 };
}

/** Every figure of a summary by its path. */
function flatten(s: StatisticsSummaryV1): Record<string, number> {
  const out: Record<string, number> = {};
  for (const path of STATISTICS_FIGURES)
    out[path] = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], s) as number;
  return out;
}
const nowOf = (d: StatisticsDigestV1): Record<string, number> =>
  Object.fromEntries(d.figures.map((f) => [f.figure, f.now]));
const figure = (d: StatisticsDigestV1, path: string) => d.figures.find((f) => f.figure === path);

describe('统计日报 statistics digests through the gateway', () => {
  let platform: TestPlatform;
  let nc: NatsConnection;
  let sub: Subscription;
  const received: Received[] = [];
  const tokens: Record<string, string> = {};
  let writer: string;

  const api = (path: string, token: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(`${platform.gatewayUrl}${path}`, { ...init, headers });
  };
  const ok = async <T>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const generate = (date: string, token = tokens['province']!): Promise<Response> =>
    api('/api/v1/statistics/digests/generate', token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ date }),
    });
  const digests = (region: string, query = '', token = tokens['youxian']!): Promise<Response> =>
    api(`/api/v1/statistics/digests?regionCode=${region}${query}`, token);
  const summary = async (region: string, asOf: string): Promise<StatisticsSummaryV1> =>
    ok<StatisticsSummaryV1>(
      await api(`/api/v1/statistics/summary?regionCode=${region}&asOf=${asOf}`, tokens['province']!),
    );
  const eventsOf = (region: string, date: string): Received[] =>
    received.filter((r) => r.event.subject === `${region}/${date}`);

  beforeAll(async () => {
    platform = await TestPlatform.start(['permits', 'alerts']);
    nc = await connect({ servers: `nats://127.0.0.1:${platform.natsPort}` });
    sub = nc.subscribe('hn.statistics.>', {
      callback: (_e, msg) => {
        received.push({
          subject: msg.subject,
          event: JSON.parse(new TextDecoder().decode(msg.data)) as Received['event'],
        });
      },
    });
    writer = await platform.token(
      await platform.createIntegrator([ZZ], ['permits:read', 'approval:write'], ['--rate-limit', '1000000']),
    );
    const staff: Array<[string, string, string]> = [
      ['youxian', 'COUNTY', YX],
      ['chaling', 'COUNTY', CL],
      ['province', 'PROVINCE', '430000'],
    ];
    for (const [name, role, region] of staff) {
      await platform.createStaff(`${name}.digest`, PASSWORD, role, region);
      tokens[name] = await platform.staffToken(`${name}.digest`, PASSWORD, `10.60.0.${Object.keys(tokens).length + 1}`);
    }
  }, 180_000);

  afterAll(async () => {
    sub?.unsubscribe();
    await nc?.close();
    await platform?.stop();
  });

  it('writes each region’s digest once, with the summary’s figures and the change since the previous one', async () => {
    const put = await api(`/api/v1/approval/construction-permits/${PERMIT}`, writer, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(permitBody({ category: '社会投资房建类' })),
    });
    expect(put.status).toBe(201);
    await waitFor(async () => (await summary(YX, chinaDay())).permits.count === 1, {
      timeoutMs: 20_000,
      intervalMs: 150,
      description: 'the permit counted in the summary',
    });

    // yesterday: the permit, registered today, is not in it
    const yesterday = chinaDay(-1);
    const first = await ok<StatisticsDigestGenerateResultV1>(await generate(yesterday));
    expect(first.date).toBe(yesterday);
    expect(first.total).toBeGreaterThan(100); // the province, 14 cities, their counties
    const y = (await ok<StatisticsDigestPageV1>(await digests(YX))).items;
    expect(y).toHaveLength(1);
    expect(y[0]).toMatchObject({ regionCode: YX, regionName: '攸县', level: 'COUNTY', date: yesterday });
    expect(nowOf(y[0]!)).toEqual(flatten(await summary(YX, yesterday)));
    expect(figure(y[0]!, 'permits.count')!.now).toBe(0);

    // today: +1 permit against yesterday's digest
    const today = chinaDay();
    const second = await ok<StatisticsDigestGenerateResultV1>(await generate(today));
    expect(second).toEqual({ date: today, created: first.total, total: first.total });
    const t = (await ok<StatisticsDigestPageV1>(await digests(YX))).items;
    expect(t.map((d) => d.date)).toEqual([today, yesterday]); // newest first
    expect(t[0]).toMatchObject({ previousDate: yesterday });
    expect(nowOf(t[0]!)).toEqual(flatten(await summary(YX, today)));
    expect(figure(t[0]!, 'permits.count')).toEqual({ figure: 'permits.count', previous: 0, now: 1, delta: 1 });
    expect(figure(t[0]!, 'permits.socialInvestment')!.delta).toBe(1);
    expect(figure(t[0]!, 'presale.y')!.delta).toBe(0);
    // the city and the province moved by the same permit
    const city = (await ok<StatisticsDigestPageV1>(await digests(ZZ, `&from=${today}`, tokens['province']))).items;
    expect(city.map((d) => [d.level, d.date, figure(d, 'permits.count')!.delta])).toEqual([['CITY', today, 1]]);

    // 考核得分变化: the assessment as of each date (the route's), against the previous digest's
    // a county is listed by its own assessment, a city by the province's
    const assessed = async (region: string, asOf: string, of = region) =>
      (
        await ok<StatisticsAssessmentV1>(
          await api(`/api/v1/statistics/assessment?regionCode=${of}&asOf=${asOf}`, tokens['province']!),
        )
      ).regions.find((r) => r.regionCode === region)!;
    const PRESALE_RULE = 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT';
    const then = await assessed(YX, yesterday);
    expect(y[0]!.assessment).toMatchObject({ rulesVersion: '2024.v1', scoreBefore: null, scoreAfter: then.score });
    const now = await assessed(YX, today);
    expect(t[0]!.assessment).toMatchObject({ scoreBefore: then.score, scoreAfter: now.score, scoreDelta: -1 });
    expect(t[0]!.assessment!.rules.map((r) => [r.ruleId, r.pointsAfter, r.countAfter])).toEqual(
      now.deductions.map((d) => [d.ruleId, d.points, d.count]),
    );
    // the permit's project is typed PRESALE and has no presale permit: one item, one point
    expect(t[0]!.assessment!.rules.find((r) => r.ruleId === PRESALE_RULE)).toMatchObject({
      pointsBefore: 0,
      pointsAfter: 1,
      pointsDelta: 1,
      countBefore: 0,
      countAfter: 1,
    });
    expect(city[0]!.assessment!.scoreAfter).toBe((await assessed(ZZ, today, '430000')).score);
    const hn = (await ok<StatisticsDigestPageV1>(await digests('430000', `&from=${today}`, tokens['province']))).items;
    expect(hn[0]!.assessment).toMatchObject({ scoreAfter: null, scoreDelta: null });
    expect(hn[0]!.assessment!.rules.find((r) => r.ruleId === PRESALE_RULE)!.pointsDelta).toBe(1);

    // again: nothing written, still one digest per region and date
    expect(await ok<StatisticsDigestGenerateResultV1>(await generate(today))).toEqual({
      date: today,
      created: 0,
      total: first.total,
    });
    const again = await ok<StatisticsDigestPageV1>(await digests(YX, `&from=${today}&to=${today}`));
    expect(again.total).toBe(1);
    expect(again.items[0]!.id).toBe(t[0]!.id);
  });

  it('publishes each digest once as hn.statistics.digest.published.v1, valid by its class', async () => {
    const today = chinaDay();
    await waitFor(async () => eventsOf(YX, today).length > 0 && eventsOf('430000', today).length > 0, {
      timeoutMs: 20_000,
      intervalMs: 150,
      description: 'the digest events on JetStream',
    });
    await new Promise((r) => setTimeout(r, 1500)); // a second copy would have arrived by now
    const mine = eventsOf(YX, today);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe(StatisticsEvents.digestPublished);
    expect(mine[0]!.event).toMatchObject({ type: StatisticsEvents.digestPublished, source: '/hn/alerts' });
    expect((await validateEvent(StatisticsDigest, mine[0]!.event.data)).errors).toEqual([]);
    const listed = (await ok<StatisticsDigestPageV1>(await digests(YX, `&from=${today}`))).items[0]!;
    expect(mine[0]!.event.data).toEqual(listed);
  });

  it('keeps a county’s digests from another county’s staff; only the province generates; bad dates are 422', async () => {
    const refused = await digests(YX, '', tokens['chaling']);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(((await refused.json()) as { code: string }).code).toBe('REGION_FORBIDDEN');
    expect((await generate(chinaDay(), tokens['youxian'])).status).toBe(403);
    const future = await generate(chinaDay(2));
    expect(future.status).toBe(422);
    expect(((await future.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual([
      'date',
    ]);
    const retired = await digests('430124', '', tokens['province']);
    expect(retired.status).toBe(422);
  });

  describe('in the console', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('shows the digests as cards on a phone (390 × 844): no horizontal scrolling, accessible', async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
      const phone = await context.newPage();
      await logIn(phone, platform.gatewayUrl, 'youxian.digest', PASSWORD);
      await phone.goto(`${platform.gatewayUrl}/console/#/statistics`);
      await phone.locator('#digests-link').click();
      await phone.locator('#digests-title').waitFor();
      const cards = phone.locator('article.digest');
      await cards.first().waitFor();
      expect(await cards.count()).toBe(2);
      const first = cards.first();
      expect(await first.getAttribute('data-date')).toBe(chinaDay());
      expect(await first.locator('[data-figure="permits.count"]').innerText()).toContain('▲ 增加 1');
      expect(await first.locator('[data-figure="presale.y"]').innerText()).toContain('持平');
      expect(await first.innerText()).toContain('当日新增预警');
      // 考核得分变化 in Chinese: the score before → after with the arrow, and the rule that moved
      expect(await first.locator('.digest-score').innerText()).toBe('考核得分 100 → 99（▼1）');
      expect(await first.locator('[data-rule="PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT"]').innerText()).toBe(
        '已标记为预售商品房但未补录预售许可证的项目：扣 0 → 1 分（▲1），0 → 1 项',
      );
      expect(await cards.nth(1).locator('.digest-score').innerText()).toBe('考核得分 100（首期）');
      const width = await phone.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
            .scrollWidth,
      );
      expect(width).toBeLessThanOrEqual(390);
      expect(await seriousViolations(phone)).toEqual([]);
      await phone
        .locator('#digests-title')
        .evaluate((e) => (e as unknown as { scrollIntoView(): void }).scrollIntoView());
      await screenshot(phone, SHOTS, 'statistics-digests-390', false); // the newest card on the phone's screen
      await context.close();
    });
  });
});
