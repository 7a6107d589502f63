import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** What one file of a drop holds: the webhook's three headers and its exact body (the signed bytes). */
export interface DropFile {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
  /** the CloudEvent as the webhook's raw body: verify `${webhook-id}.${webhook-timestamp}.${body}` over this string */
  body: string;
}

export interface DropResult {
  written: boolean;
  latencyMs: number;
  error: string | null;
  file: string | null;
}

/** Names sort in the platform's arrival order (stream order): 16-digit position, then the event id. */
export function dropFileName(position: number | string, eventId: string): string {
  return `${String(position).padStart(16, '0')}-${eventId}.json`;
}

/**
 * 前置机文件交换: one event, one file in `<root>/<directory>/`, written atomically — a dot-named temp file
 * in the same directory (the receiver ignores names starting with "."), fsync'd, then renamed onto its
 * final name, so a reader sees a whole file or none. A redelivery or replay writes the same name again.
 */
export async function writeDropFile(
  root: string,
  directory: string,
  name: string,
  content: DropFile | string,
): Promise<DropResult> {
  const started = Date.now();
  const dir = join(root, directory);
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o750 });
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(typeof content === 'string' ? content : `${JSON.stringify(content)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, join(dir, name));
    return { written: true, latencyMs: Date.now() - started, error: null, file: join(dir, name) };
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    return {
      written: false,
      latencyMs: Date.now() - started,
      error: `文件写入失败 ${e.code ?? e.message}`,
      file: null,
    };
  }
}

/**
 * The daily file of a drop, `<directory>/daily/<date>.ndjson`, written (atomically, as every file) when the
 * day's final manifest is dropped: the lines of the day's event files in the manifest's order — the same
 * ids, headers and bodies — then the manifest's own line. An event whose file is not there (a dead letter)
 * is not in it either; `exchange:verify` names it.
 */
export async function writeDailyFile(
  root: string,
  directory: string,
  date: string,
  eventIds: readonly string[],
  manifestLine: DropFile,
): Promise<DropResult> {
  const dir = join(root, directory);
  const byId = new Map<string, string>();
  try {
    for (const name of await readdir(dir)) {
      const m = /^\d{16}-([0-9a-f-]{36})\.json$/.exec(name);
      if (m) byId.set(m[1], name);
    }
    const lines: string[] = [];
    for (const id of eventIds) {
      const name = byId.get(id);
      if (name) lines.push((await readFile(join(dir, name), 'utf8')).trim());
    }
    lines.push(JSON.stringify(manifestLine));
    return writeDropFile(root, join(directory, 'daily'), `${date}.ndjson`, `${lines.join('\n')}\n`);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { written: false, latencyMs: 0, error: `每日文件写入失败 ${e.code ?? e.message}`, file: null };
  }
}
