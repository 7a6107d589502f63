import { decodeBase64Strict, isNonNegativeSafeInteger } from './bytes';

/**
 * C2SP tlog-checkpoint bodies (https://c2sp.org/tlog-checkpoint): the note text that the log signs
 * with signNote. 检查点正文。
 */

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
}

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

/**
 * "<origin>\n<size>\n<base64(rootHash)>\n" — origin non-empty, one line, no control characters
 * (it SHOULD be a schema-less URL such as `zjt.hunan.gov.cn/presale-log` and equal the key name);
 * size in decimal without leading zeros; rootHash 32 bytes in standard base64 with padding.
 * 格式化检查点正文。
 */
export function formatCheckpointBody(origin: string, size: number, rootHash: Buffer): string {
  if (typeof origin !== 'string' || origin.length === 0 || hasControl(origin)) {
    throw new RangeError('来源标识必须为非空单行文本 (origin must be a non-empty single line)');
  }
  if (!isNonNegativeSafeInteger(size))
    throw new RangeError(`树大小无效 (size must be a non-negative integer): ${size}`);
  if (!Buffer.isBuffer(rootHash) || rootHash.length !== 32)
    throw new RangeError('树根必须为 32 字节 (root hash must be 32 bytes)');
  return `${origin}\n${size}\n${rootHash.toString('base64')}\n`;
}

/**
 * Parses a checkpoint body (the verified text of the note, as returned by verifyNote). Extension
 * lines after the third are allowed (non-empty) and ignored. Null if the text is not a checkpoint.
 * 解析检查点正文（应先用 verifyNote 验证签名）。
 */
export function parseCheckpoint(body: string): Checkpoint | null {
  if (typeof body !== 'string' || !body.endsWith('\n')) return null;
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3 || lines.some((line) => line.length === 0 || hasControl(line))) return null;
  const [origin, sizeText, rootText] = lines;
  if (!/^(0|[1-9]\d*)$/.test(sizeText)) return null;
  const size = Number(sizeText);
  if (!isNonNegativeSafeInteger(size)) return null;
  const rootHash = decodeBase64Strict(rootText);
  if (!rootHash || rootHash.length !== 32) return null;
  return { origin, size, rootHash };
}
