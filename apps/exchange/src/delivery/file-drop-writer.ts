import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
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
  content: DropFile,
): Promise<DropResult> {
  const started = Date.now();
  const dir = join(root, directory);
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o750 });
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(`${JSON.stringify(content)}\n`, 'utf8');
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
