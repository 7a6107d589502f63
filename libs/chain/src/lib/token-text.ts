/**
 * The QR carries the token in upper-case RFC 4648 base32 (no padding) so the whole verify URL is in
 * the QR alphanumeric set (HTTPS://HOST/V/TOKEN): 102 bytes → 164 characters, which with the URL
 * prefix stays within QR version 8 at level M (221 alphanumeric characters). The API and the JSON
 * verify route use base64url; both texts carry the same bytes.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE32 = /^[A-Z2-7]*$/;

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer | null {
  if (!BASE32.test(text)) return null;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** base64url token → upper-case base32 text for the QR URL. */
export function chainTokenToQrText(token: string): string {
  return base32Encode(Buffer.from(token, 'base64url'));
}

/** Accepts either text form (base64url or upper-case base32) and returns base64url, or null. */
export function normalizeChainTokenText(text: string): string | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > 400) return null;
  if (BASE32.test(text) && text.length % 8 !== 0 && text.length >= 150) {
    const bytes = base32Decode(text);
    return bytes ? bytes.toString('base64url') : null;
  }
  return /^[A-Za-z0-9_-]+$/.test(text) ? text : null;
}
