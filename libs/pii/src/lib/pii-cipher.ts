import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** A personal-data field as stored: AES-256-GCM ciphertext, its 96-bit nonce and 128-bit tag. */
export interface SealedValue {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
}

const NAMESPACE = /^[a-z][a-z0-9-]{1,31}$/;

/**
 * Encryption at rest of personal data (ID and phone numbers). Two subkeys are derived from the
 * configured master key with HKDF-SHA256 (one for AES-256-GCM, one for the HMAC blind index), so the
 * lookup hash never reuses the encryption key. The namespace (one per owning service, e.g.
 * `hn-contracts`, `hn-gateway`) goes into the derivation and, with the field name and key id, into the
 * associated data: a ciphertext moved to another column or service, or decrypted with another key,
 * fails authentication.
 */
export class PiiCipher {
  /** Short fingerprint of the master key, stored with every row so keys can be rotated later. */
  readonly keyId: string;
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(
    masterKey: Buffer,
    private readonly namespace: string,
  ) {
    if (!Buffer.isBuffer(masterKey) || masterKey.length !== 32) throw new RangeError('PII master key must be 32 bytes');
    if (!NAMESPACE.test(namespace)) throw new RangeError(`PII namespace must match ${NAMESPACE.source}`);
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `${namespace}/pii-enc/v1`, 32));
    this.macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), `${namespace}/pii-hmac/v1`, 32));
    this.keyId = createHmac('sha256', this.macKey).update(`${namespace}/key-id`).digest('hex').slice(0, 16);
  }

  /** `field` names the column (e.g. idNumber): bound as associated data. */
  encrypt(plain: string, field: string): SealedValue {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(this.aad(field));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag() };
  }

  /** Throws when the value was tampered with or sealed under another key, namespace or field. */
  decrypt(sealed: SealedValue, field: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, sealed.iv);
    decipher.setAAD(this.aad(field));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  }

  /** Keyed HMAC-SHA256 of (kind, value), e.g. (idType, idNumber): equality lookups without storing the number. */
  blindIndex(kind: string, value: string): Buffer {
    return createHmac('sha256', this.macKey).update(`${kind}\u0000${value}`, 'utf8').digest();
  }

  /**
   * Keyed digest (hex) of a request body that contains personal data, for idempotency: a plain
   * SHA-256 would let anyone holding the table brute-force the masked digits (birth date, phone).
   */
  requestDigest(canonicalBody: string): string {
    return createHmac('sha256', this.macKey)
      .update(`${this.namespace}/request\u0000`)
      .update(canonicalBody, 'utf8')
      .digest('hex');
  }

  private aad(field: string): Buffer {
    return Buffer.from(`${this.namespace}:${field}:${this.keyId}`, 'utf8');
  }
}
