import { createHmac, createPublicKey, KeyObject, sign } from 'node:crypto';

/** A key that signs a webhook: Ed25519 (v1a) or an HMAC secret (v1, raw bytes). */
export type WebhookKey = { scheme: 'v1a'; privateKey: KeyObject } | { scheme: 'v1'; secret: Buffer };

/** The signed content of the Standard Webhooks spec: `${webhook-id}.${webhook-timestamp}.${body}`. */
export function signedContent(id: string, timestampSeconds: number, body: string): Buffer {
  return Buffer.from(`${id}.${timestampSeconds}.${body}`, 'utf8');
}

/** One `v1a,<base64>` or `v1,<base64>` entry. */
export function signatureEntry(key: WebhookKey, id: string, timestampSeconds: number, body: string): string {
  const content = signedContent(id, timestampSeconds, body);
  if (key.scheme === 'v1') return `v1,${createHmac('sha256', key.secret).update(content).digest('base64')}`;
  return `v1a,${sign(null, content, key.privateKey).toString('base64')}`;
}

/**
 * The three Standard Webhooks headers of one attempt. Several keys (a rotation: the new one and the
 * old one) give several space-separated signatures; a receiver accepts the message if any verifies.
 */
export function webhookHeaders(
  keys: WebhookKey[],
  id: string,
  timestampSeconds: number,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  if (keys.length === 0) throw new Error('no signing key');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': keys.map((k) => signatureEntry(k, id, timestampSeconds, body)).join(' '),
  };
}

/** `whpk_<base64 of the raw 32-byte public key>`: what a v1a receiver configures. */
export function publicKeyText(privateKey: KeyObject): string {
  const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return `whpk_${der.subarray(der.length - 32).toString('base64')}`;
}

/** `whsec_<base64>`: what a v1 receiver configures (the standardwebhooks libraries take it as is). */
export function secretText(secret: Buffer): string {
  return `whsec_${secret.toString('base64')}`;
}
