import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { MarketFilingItem } from '../market-filing-item';
import { FaultInjector, FaultOptions, isFault } from './fault-injector';
import { decodeCursor, encodeCursor } from './feed-cursor';
import { MarketDataset } from './market-dataset.types';

export interface MarketSimulatorOptions {
  dataset: MarketDataset;
  /** secret the callers must present (Authorization: Bearer … or X-API-Key) */
  apiKey: string;
  host?: string;
  /** 0 = a free port */
  port?: number;
  faults?: FaultOptions;
  /** how long a simulated timeout holds the request before dropping it, default 60 s */
  hangMs?: number;
  /** /api/_planted, /api/_ours, /api/_faults (tests and demos only), default true */
  testEndpoints?: boolean;
}

export interface SimulatorRequestLog {
  cursor: string | null;
  limit: number;
  outcome: string;
}

const MAX_LIMIT = 500;
const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * 房地产市场监管平台 simulator (plain node:http): GET /api/filings?cursor=&limit= serves the
 * dataset's change feed page by page; planted differences are listed at GET /api/_planted.
 */
export class MarketSimulator {
  readonly faults: FaultInjector;
  readonly requests: SimulatorRequestLog[] = [];
  private readonly hanging = new Set<NodeJS.Timeout>();
  private readonly server: Server;

  private constructor(private readonly options: MarketSimulatorOptions) {
    this.faults = new FaultInjector(options.faults);
    this.server = createServer((req, res) => this.handle(req, res));
  }

  static async start(options: MarketSimulatorOptions): Promise<MarketSimulator> {
    const sim = new MarketSimulator(options);
    await new Promise<void>((resolve, reject) => {
      sim.server.once('error', reject);
      sim.server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return sim;
  }

  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  }

  get dataset(): MarketDataset {
    return this.options.dataset;
  }

  /** Live additions: the items come after everything served so far. */
  append(items: Array<MarketFilingItem | Record<string, unknown>>): void {
    const feed = this.options.dataset.feed;
    for (const item of items) feed.push({ seq: feed.length + 1, item });
  }

  async close(): Promise<void> {
    for (const t of this.hanging) clearTimeout(t);
    this.hanging.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (req.method === 'GET' && url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (!url.pathname.startsWith('/api/')) return send(res, 404, { error: 'not_found', message: '未找到 (not found)' });
    if (!this.authorized(req))
      return send(res, 401, { error: 'unauthorized', message: '缺少或错误的 API Key (missing or wrong API key)' });
    const testOnly = this.options.testEndpoints !== false;
    if (req.method === 'GET' && url.pathname === '/api/filings') return this.filings(url, res);
    if (testOnly && req.method === 'GET' && url.pathname === '/api/_planted') return send(res, 200, this.manifest());
    if (testOnly && req.method === 'GET' && url.pathname === '/api/_ours')
      return send(res, 200, { presales: this.dataset.presales, ...this.dataset.ours });
    if (testOnly && req.method === 'POST' && url.pathname === '/api/_faults') return void this.setFaults(req, res);
    return send(res, 404, { error: 'not_found', message: '未找到 (not found)' });
  }

  private authorized(req: IncomingMessage): boolean {
    const header = req.headers['authorization'];
    const presented =
      typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : req.headers['x-api-key'];
    return typeof presented === 'string' && timingSafeEqual(digest(presented), digest(this.options.apiKey));
  }

  private filings(url: URL, res: ServerResponse): void {
    const cursor = url.searchParams.get('cursor');
    const rawLimit = url.searchParams.get('limit');
    const limit = rawLimit === null || rawLimit === '' ? 100 : Number(rawLimit);
    const log = (outcome: string): void => void this.requests.push({ cursor, limit, outcome });
    const after = decodeCursor(cursor);
    if (after === null || after > this.dataset.feed.length) {
      log('400');
      return send(res, 400, { error: 'invalid_cursor', message: '游标无效 (invalid cursor)' });
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      log('400');
      return send(res, 400, { error: 'invalid_limit', message: `limit 须为 1–${MAX_LIMIT} (limit 1..${MAX_LIMIT})` });
    }
    const forced = url.searchParams.get('fault');
    const fault = isFault(forced) ? forced : this.faults.next();
    log(fault);
    if (fault === '500' || fault === '503')
      return send(res, Number(fault), { error: 'unavailable', message: '服务暂时不可用 (transient failure)' });
    if (fault === 'timeout') {
      const timer = setTimeout(() => {
        this.hanging.delete(timer);
        res.destroy();
      }, this.options.hangMs ?? 60_000);
      this.hanging.add(timer);
      return;
    }
    const page = this.dataset.feed.slice(after, after + limit);
    const last = page.length > 0 ? page[page.length - 1]!.seq : after;
    send(res, 200, {
      items: page.map((e) => e.item),
      nextCursor: encodeCursor(last),
      hasMore: last < this.dataset.feed.length,
    });
  }

  private manifest(): object {
    const { seed, planted, badItemSeqs, feed } = this.dataset;
    const badItems = badItemSeqs.map((seq) => ({ seq, id: (feed[seq - 1]?.item as { id?: unknown }).id ?? null }));
    return { seed, feedLength: feed.length, planted, badItems };
  }

  private setFaults(req: IncomingMessage, res: ServerResponse): void {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      try {
        const body = JSON.parse(text || '{}') as { script?: unknown; rate?: unknown; kind?: unknown };
        if (Array.isArray(body.script) && body.script.every(isFault)) this.faults.script(body.script);
        if (typeof body.rate === 'number' && body.rate >= 0 && body.rate <= 1)
          this.faults.configure({ rate: body.rate });
        if (body.kind === '500' || body.kind === '503' || body.kind === 'timeout' || body.kind === 'mixed')
          this.faults.configure({ kind: body.kind });
        res.writeHead(204).end();
      } catch {
        send(res, 400, { error: 'invalid_body', message: '请求体须为 JSON (JSON body expected)' });
      }
    });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
    .end(text);
}
