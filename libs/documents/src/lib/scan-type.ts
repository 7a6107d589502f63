import { createHash } from 'node:crypto';
import { SCAN_MAX_BYTES, ScanContentTypeV1 } from '@hn/messages';

const PDF = Buffer.from('%PDF-', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/**
 * The scan's type read from its first bytes (magic numbers), never from the file name or the
 * declared Content-Type: PDF, JPEG or PNG; null for anything else.
 */
export function detectScanType(bytes: Uint8Array): ScanContentTypeV1 | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 16));
  if (head.subarray(0, PDF.length).equals(PDF)) return 'application/pdf';
  if (head.subarray(0, PNG.length).equals(PNG)) return 'image/png';
  if (head.subarray(0, JPEG.length).equals(JPEG)) return 'image/jpeg';
  return null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type ScanProblem = 'EMPTY' | 'TOO_LARGE' | 'UNSUPPORTED_TYPE';

/** Checks a scan's bytes: not empty, at most SCAN_MAX_BYTES, PDF/JPEG/PNG by content. */
export function checkScanBytes(
  bytes: Uint8Array,
  maxBytes = SCAN_MAX_BYTES,
): { ok: true; contentType: ScanContentTypeV1 } | { ok: false; problem: ScanProblem } {
  if (bytes.byteLength === 0) return { ok: false, problem: 'EMPTY' };
  if (bytes.byteLength > maxBytes) return { ok: false, problem: 'TOO_LARGE' };
  const contentType = detectScanType(bytes);
  return contentType ? { ok: true, contentType } : { ok: false, problem: 'UNSUPPORTED_TYPE' };
}

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** A display-safe file name: path parts and control characters dropped, 1–200 characters. */
export function safeFileName(raw: string | undefined, fallback: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(CONTROL_CHARACTERS, '').trim().slice(0, 200);
  return cleaned.length > 0 ? cleaned : fallback;
}
