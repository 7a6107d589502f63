import { createPublicKey, verify } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** SPKI DER prefix of an Ed25519 public key (RFC 8410), followed by the 32 raw key bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * The receiver's side, written from the Standard Webhooks spec and not from the platform's signer:
 * v1 (HMAC-SHA256) is verified with the `standardwebhooks` package itself; v1a (Ed25519), which that
 * package (1.3) does not implement, with node:crypto directly over `${id}.${timestamp}.${body}`.
 * A message passes when any signature of the header verifies with any configured key.
 */
export function verifySignature(
  body: string,
  headers: Record<string, string>,
  keys: { publicKeys: string[]; secrets: string[] },
): { ok: boolean; scheme: 'v1' | 'v1a' | null; reason?: string } {
  for (const secret of keys.secrets) {
    try {
      new Webhook(secret).verify(body, headers);
      return { ok: true, scheme: 'v1' };
    } catch {
      // try the next key
    }
  }
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = (headers['webhook-signature'] ?? '').split(' ');
  if (!id || !timestamp || !/^\d+$/.test(timestamp)) return { ok: false, scheme: null, reason: 'missing headers' };
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300)
    return { ok: false, scheme: null, reason: 'timestamp out of tolerance' };
  const content = Buffer.from(`${id}.${timestamp}.${body}`, 'utf8');
  for (const text of keys.publicKeys) {
    const raw = Buffer.from(text.replace(/^whpk_/, ''), 'base64');
    if (raw.length !== 32) continue;
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    for (const entry of signatures) {
      const [version, sig] = entry.split(',');
      if (version === 'v1a' && sig && verify(null, content, key, Buffer.from(sig, 'base64')))
        return { ok: true, scheme: 'v1a' };
    }
  }
  return { ok: false, scheme: null, reason: 'no matching signature' };
}
