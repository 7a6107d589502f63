import { randomBytes } from 'node:crypto';
import { PiiCipher } from './pii-cipher';

describe(PiiCipher.name, () => {
  const key = randomBytes(32);
  const cipher = new PiiCipher(key);

  it('round-trips with a fresh nonce each time (AES-256-GCM)', () => {
    const a = cipher.encrypt('430223199001011234', 'idNumber');
    const b = cipher.encrypt('430223199001011234', 'idNumber');
    expect(a.iv).toHaveLength(12);
    expect(a.tag).toHaveLength(16);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(cipher.decrypt(a, 'idNumber')).toBe('430223199001011234');
    expect(a.ciphertext.toString('latin1')).not.toContain('430223');
  });

  it('refuses tampered values, another field and another key', () => {
    const sealed = cipher.encrypt('13812345678', 'phone');
    const tampered = { ...sealed, ciphertext: Buffer.from(sealed.ciphertext) };
    tampered.ciphertext[0] ^= 1;
    expect(() => cipher.decrypt(tampered, 'phone')).toThrow();
    expect(() => cipher.decrypt(sealed, 'idNumber')).toThrow();
    expect(() => new PiiCipher(randomBytes(32)).decrypt(sealed, 'phone')).toThrow();
  });

  it('gives a deterministic keyed blind index, distinct per key and ID type', () => {
    const same = new PiiCipher(Buffer.from(key));
    expect(cipher.blindIndex('RESIDENT_ID', 'X1').equals(same.blindIndex('RESIDENT_ID', 'X1'))).toBe(true);
    expect(cipher.blindIndex('RESIDENT_ID', 'X1').equals(cipher.blindIndex('PASSPORT', 'X1'))).toBe(false);
    expect(
      cipher.blindIndex('RESIDENT_ID', 'X1').equals(new PiiCipher(randomBytes(32)).blindIndex('RESIDENT_ID', 'X1')),
    ).toBe(false);
    expect(same.keyId).toBe(cipher.keyId);
    expect(cipher.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('digests request bodies with the key (no offline brute force of masked digits)', () => {
    expect(cipher.requestDigest('{"a":1}')).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.requestDigest('{"a":1}')).toBe(new PiiCipher(Buffer.from(key)).requestDigest('{"a":1}'));
    expect(cipher.requestDigest('{"a":1}')).not.toBe(new PiiCipher(randomBytes(32)).requestDigest('{"a":1}'));
    expect(cipher.requestDigest('{"a":1}')).not.toBe(cipher.requestDigest('{"a":2}'));
  });

  it('needs a 32-byte key', () => {
    expect(() => new PiiCipher(randomBytes(16))).toThrow(RangeError);
  });
});
