import { KeyObject, sign, verify } from 'node:crypto';
import { decodeBase64Strict, sha256 } from './bytes';
import { rawPublicKey, SigningKey } from './signing-key';

/**
 * C2SP signed notes (https://c2sp.org/signed-note), Ed25519 signature type 0x01.
 * 签名笔记（C2SP signed-note），Ed25519。
 */

const EM_DASH_PREFIX = '\u2014 ';
const SIGNATURE_TYPE_ED25519 = 0x01;
/** Verifiers must accept at least 16 signatures; more than this is treated as malformed. */
const MAX_SIGNATURES = 100;
const UNICODE_SPACE = /[\s\u0085]/u;

export type NoteFailureReason = 'MALFORMED' | 'INVALID_KEY' | 'NO_SIGNATURE' | 'BAD_SIGNATURE';

export interface NoteVerification {
  valid: boolean;
  /** The verified note text (the signed body, ending in a newline), only when valid. */
  body?: string;
  /**
   * Why not valid: MALFORMED (not a signed note) | INVALID_KEY (bad key name or not an Ed25519 public
   * key) | NO_SIGNATURE (no signature line of this key) | BAD_SIGNATURE (a line of this key fails).
   */
  reason?: NoteFailureReason;
}

/** True if the text has an ASCII control character other than newline (forbidden in notes). */
function hasForbiddenControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

function isWellFormedUtf16(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}

function isValidKeyName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !UNICODE_SPACE.test(name) &&
    !name.includes('+') &&
    !hasForbiddenControl(name) &&
    isWellFormedUtf16(name)
  );
}

/**
 * Note key id of an Ed25519 key: SHA-256(keyName || 0x0A || 0x01 || 32-byte public key)[0..4).
 * 签名笔记的密钥标识（4 字节）。
 */
export function noteKeyId(keyName: string, publicKey: KeyObject): Buffer {
  return Buffer.from(
    sha256(
      Buffer.from(`${keyName}\n`, 'utf8'),
      Buffer.from([SIGNATURE_TYPE_ED25519]),
      rawPublicKey(publicKey),
    ).subarray(0, 4),
  );
}

function checkBody(body: string): void {
  if (typeof body !== 'string' || body.length === 0 || !body.endsWith('\n')) {
    throw new RangeError('笔记正文必须非空并以换行结尾 (note text must be non-empty and end with a newline)');
  }
  if (hasForbiddenControl(body) || !isWellFormedUtf16(body)) {
    throw new RangeError('笔记正文含控制字符或无效 UTF-8 (note text contains control characters or invalid UTF-8)');
  }
}

/**
 * Signs a note: `body + "\n" + "— <keyName> <base64(keyId(4) || Ed25519 signature(64))>\n"`; the
 * signature is over the UTF-8 bytes of `body` (which must end in a newline).
 * 签名笔记：正文、空行、签名行。
 */
export function signNote(body: string, keyName: string, key: SigningKey): string {
  checkBody(body);
  if (!isValidKeyName(keyName))
    throw new RangeError(`密钥名无效 (key name must be non-empty, without spaces or "+"): ${keyName}`);
  const signature = sign(null, Buffer.from(body, 'utf8'), key.privateKey);
  const blob = Buffer.concat([noteKeyId(keyName, key.publicKey), signature]).toString('base64');
  return `${body}\n${EM_DASH_PREFIX}${keyName} ${blob}\n`;
}

interface NoteSignature {
  name: string;
  keyId: Buffer;
  signature: Buffer;
}

function parseNote(note: string): { body: string; signatures: NoteSignature[] } | null {
  if (typeof note !== 'string' || !note.endsWith('\n') || hasForbiddenControl(note) || !isWellFormedUtf16(note))
    return null;
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return null;
  const body = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length === 0 || lines.length > MAX_SIGNATURES) return null;
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    if (!line.startsWith(EM_DASH_PREFIX)) return null;
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(' ');
    if (space <= 0) return null;
    const name = rest.slice(0, space);
    const blob = decodeBase64Strict(rest.slice(space + 1));
    if (!isValidKeyName(name) || !blob || blob.length < 5) return null;
    signatures.push({ name, keyId: blob.subarray(0, 4), signature: blob.subarray(4) });
  }
  return { body, signatures };
}

/**
 * Verifies a signed note with one trusted key (its name and public key). Signatures by other keys
 * (other name or other key id) are ignored, as the spec requires; if a signature of this key fails,
 * the whole note is rejected (BAD_SIGNATURE). Valid only if at least one signature of this key
 * verifies. Never throws.
 * 用一个受信任的密钥验证签名笔记；其他密钥的签名被忽略。
 */
export function verifyNote(note: string, keyName: string, publicKey: KeyObject): NoteVerification {
  let keyId: Buffer;
  try {
    if (!isValidKeyName(keyName)) return { valid: false, reason: 'INVALID_KEY' };
    keyId = noteKeyId(keyName, publicKey);
  } catch {
    return { valid: false, reason: 'INVALID_KEY' };
  }
  const parsed = parseNote(note);
  if (!parsed) return { valid: false, reason: 'MALFORMED' };
  const message = Buffer.from(parsed.body, 'utf8');
  let verified = false;
  for (const candidate of parsed.signatures) {
    if (candidate.name !== keyName || !candidate.keyId.equals(keyId)) continue;
    let ok = false;
    try {
      ok = candidate.signature.length === 64 && verify(null, message, publicKey, candidate.signature);
    } catch {
      ok = false;
    }
    if (!ok) return { valid: false, reason: 'BAD_SIGNATURE' };
    verified = true;
  }
  return verified ? { valid: true, body: parsed.body } : { valid: false, reason: 'NO_SIGNATURE' };
}
