import { generateKeyPairSync, verify } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { publicKeyText, secretText, signatureEntry, webhookHeaders } from './webhook-signer';
import { verifySignature } from '../simulator/signature-check';

describe('webhook signing (Standard Webhooks)', () => {
  const body = JSON.stringify({ id: 'e1', type: 'hn.presale.permit.issued.v1', data: { permit: {} } });
  const id = '0b8e4a52-6f0c-4d53-9d6e-2f1a7c3b9e41';
  const now = Math.floor(Date.now() / 1000);

  it('v1 (HMAC) verifies with the standardwebhooks package', () => {
    const secret = Buffer.alloc(32, 7);
    const headers = webhookHeaders([{ scheme: 'v1', secret }], id, now, body);
    expect(headers['webhook-id']).toBe(id);
    expect(headers['webhook-timestamp']).toBe(String(now));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secretText(secret)).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secretText(Buffer.alloc(32, 8))).verify(body, headers)).toThrow();
    // the package's own signature is the same bytes
    expect(headers['webhook-signature']).toBe(new Webhook(secretText(secret)).sign(id, new Date(now * 1000), body));
  });

  it('v1a (Ed25519) signs `${id}.${timestamp}.${body}` and verifies with the public key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const entry = signatureEntry({ scheme: 'v1a', privateKey }, id, now, body);
    expect(entry).toMatch(/^v1a,/);
    const sig = Buffer.from(entry.slice(4), 'base64');
    expect(verify(null, Buffer.from(`${id}.${now}.${body}`), publicKey, sig)).toBe(true);
    expect(verify(null, Buffer.from(`${id}.${now}.${body} `), publicKey, sig)).toBe(false);
    const text = publicKeyText(privateKey);
    expect(text).toMatch(/^whpk_[A-Za-z0-9+/]{43}=$/);
    expect(publicKey.export({ type: 'spki', format: 'der' }).subarray(12).toString('base64')).toBe(text.slice(5));
  });

  it('during a rotation sends both signatures; a receiver with either key accepts', () => {
    const next = generateKeyPairSync('ed25519').privateKey;
    const old = generateKeyPairSync('ed25519').privateKey;
    const headers = webhookHeaders(
      [
        { scheme: 'v1a', privateKey: next },
        { scheme: 'v1a', privateKey: old },
      ],
      id,
      now,
      body,
    );
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifySignature(body, headers, { publicKeys: [publicKeyText(old)], secrets: [] }).ok).toBe(true);
    expect(verifySignature(body, headers, { publicKeys: [publicKeyText(next)], secrets: [] }).ok).toBe(true);
    const stranger = generateKeyPairSync('ed25519').privateKey;
    expect(verifySignature(body, headers, { publicKeys: [publicKeyText(stranger)], secrets: [] }).ok).toBe(false);
  });

  it('the simulator refuses a stale timestamp and a tampered body', () => {
    const key = generateKeyPairSync('ed25519').privateKey;
    const keys = { publicKeys: [publicKeyText(key)], secrets: [] };
    const stale = webhookHeaders([{ scheme: 'v1a', privateKey: key }], id, now - 600, body);
    expect(verifySignature(body, stale, keys)).toMatchObject({ ok: false, reason: 'timestamp out of tolerance' });
    const fresh = webhookHeaders([{ scheme: 'v1a', privateKey: key }], id, now, body);
    expect(verifySignature(`${body}x`, fresh, keys).ok).toBe(false);
  });
});
