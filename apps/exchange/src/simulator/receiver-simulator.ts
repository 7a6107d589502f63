import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { verifySignature } from './signature-check';

export type FaultMode = 'none' | 'down' | 'slow' | '500' | '429' | '410';

export interface Fault {
  mode: FaultMode;
  /** how many requests the fault answers (default: until changed); 'down': how long in ms */
  count?: number;
  durationMs?: number;
  /** 429: the Retry-After seconds sent */
  retryAfter?: number;
  /** slow: delay before answering 200 */
  delayMs?: number;
}

export interface ReceivedEvent {
  id: string;
  type: string;
  subject: string;
  time: string;
  scheme: 'v1' | 'v1a' | null;
  receivedAt: string;
}

/**
 * 接收方模拟器: a receiving platform as the issue describes one. POST / takes a CloudEvent webhook,
 * verifies its signature (signature-check.ts), and answers per the current fault; a control listener
 * (its own port) sets keys and faults and reports what arrived: distinct ids, duplicates, order
 * violations per subject (an event older than one already taken for the same presale number) and
 * bad signatures. Only 127.0.0.1 is listened on.
 */
export class ReceiverSimulator {
  private receiver: Server | null = null;
  private control: Server | null = null;
  private keys = { publicKeys: [] as string[], secrets: [] as string[] };
  private fault: Fault = { mode: 'none' };
  private readonly seen = new Map<string, ReceivedEvent>();
  private readonly lastTime = new Map<string, string>();
  private duplicates = 0;
  private orderViolations = 0;
  private badSignatures = 0;
  private requests = 0;
  private readonly log: ReceivedEvent[] = [];
  /** every verified id in arrival order, duplicates included */
  private readonly arrivals: string[] = [];

  constructor(private readonly ports: { receiver: number; control: number }) {}

  get receiverPort(): number {
    return this.ports.receiver;
  }

  async start(): Promise<void> {
    await this.openReceiver();
    this.control = createServer((req, res) => void this.handleControl(req, res));
    await new Promise<void>((resolve) => this.control!.listen(this.ports.control, '127.0.0.1', resolve));
    this.ports.control = (this.control.address() as AddressInfo).port;
  }

  get controlPort(): number {
    return this.ports.control;
  }

  private async openReceiver(): Promise<void> {
    this.receiver = createServer((req, res) => void this.handleWebhook(req, res));
    await new Promise<void>((resolve) => this.receiver!.listen(this.ports.receiver, '127.0.0.1', resolve));
    this.ports.receiver = (this.receiver.address() as AddressInfo).port;
  }

  private async closeReceiver(): Promise<void> {
    const server = this.receiver;
    this.receiver = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async stop(): Promise<void> {
    await this.closeReceiver();
    this.control?.closeAllConnections();
    await new Promise<void>((resolve) => (this.control ? this.control.close(() => resolve()) : resolve()));
  }

  report(): Record<string, unknown> {
    return {
      requests: this.requests,
      distinct: this.seen.size,
      duplicates: this.duplicates,
      orderViolations: this.orderViolations,
      badSignatures: this.badSignatures,
      fault: this.fault,
      events: this.log,
      arrivals: this.arrivals,
    };
  }

  private async setFault(fault: Fault): Promise<void> {
    this.fault = fault;
    if (fault.mode === 'down') {
      await this.closeReceiver();
      setTimeout(() => {
        this.fault = { mode: 'none' };
        void this.openReceiver();
      }, fault.durationMs ?? 10_000);
    }
  }

  private consumeFault(): Fault {
    const fault = this.fault;
    if (fault.mode !== 'none' && fault.count !== undefined) {
      if (fault.count <= 1) this.fault = { mode: 'none' };
      else this.fault = { ...fault, count: fault.count - 1 };
    }
    return fault;
  }

  private async handleWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    this.requests++;
    const fault = this.consumeFault();
    if (fault.mode === '500') return end(res, 500, { error: 'simulated 500' });
    if (fault.mode === '410') return end(res, 410, { error: 'simulated 410 Gone' });
    if (fault.mode === '429')
      return end(res, 429, { error: 'simulated 429' }, { 'retry-after': String(fault.retryAfter ?? 1) });
    if (fault.mode === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs ?? 3000));
    const headers: Record<string, string> = {};
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'])
      headers[name] = String(req.headers[name] ?? '');
    const check = verifySignature(body, headers, this.keys);
    if (!check.ok) {
      this.badSignatures++;
      return end(res, 401, { error: check.reason });
    }
    const event = JSON.parse(body) as { id: string; type: string; subject: string; time: string };
    if (event.id !== headers['webhook-id']) {
      this.badSignatures++;
      return end(res, 400, { error: 'webhook-id is not the CloudEvent id' });
    }
    this.arrivals.push(event.id);
    if (this.seen.has(event.id)) {
      this.duplicates++;
      return end(res, 200, { duplicate: true });
    }
    const last = this.lastTime.get(event.subject);
    if (last !== undefined && event.time < last) this.orderViolations++;
    else this.lastTime.set(event.subject, event.time);
    const received: ReceivedEvent = {
      id: event.id,
      type: event.type,
      subject: event.subject,
      time: event.time,
      scheme: check.scheme,
      receivedAt: new Date().toISOString(),
    };
    this.seen.set(event.id, received);
    this.log.push(received);
    end(res, 200, { ok: true });
  }

  private async handleControl(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    try {
      if (req.method === 'GET' && req.url === '/_report') return end(res, 200, this.report());
      if (req.method === 'POST' && req.url === '/_keys') {
        const keys = JSON.parse(body) as { publicKeys?: string[]; secrets?: string[] };
        this.keys = { publicKeys: keys.publicKeys ?? [], secrets: keys.secrets ?? [] };
        return end(res, 200, { ok: true });
      }
      if (req.method === 'POST' && req.url === '/_fault') {
        await this.setFault(JSON.parse(body) as Fault);
        return end(res, 200, { fault: this.fault });
      }
      end(res, 404, { error: 'GET /_report, POST /_keys, POST /_fault' });
    } catch (err) {
      end(res, 400, { error: err instanceof Error ? err.message : String(err) });
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function end(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
