import { randomBytes } from 'node:crypto';
import { PiiCipher } from './pii-cipher';

describe(PiiCipher.name, () => {
  const key = randomBytes(32);
  const cipher = new PiiCipher(key, 'hn-test');

  it('round-trips with a fresh nonce each time (AES-256-GCM)', () => {
    const a = cipher.encrypt('430223199001011234', 'idNumber');
    const b = cipher.encrypt('430223199001011234', 'idNumber');
    expect(a.iv).toHaveLength(12);
    expect(a.tag).toHaveLength(16);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(cipher.decrypt(a, 'idNumber')).toBe('430223199001011234');
    expect(a.ciphertext.toString('latin1')).not.toContain('430223');
  });

  it('refuses tampered values, another field, another key and another namespace', () => {
    const sealed = cipher.encrypt('13812345678', 'phone');
    const tampered = { ...sealed, ciphertext: Buffer.from(sealed.ciphertext) };
    tampered.ciphertext[0] ^= 1;
    expect(() => cipher.decrypt(tampered, 'phone')).toThrow();
    expect(() => cipher.decrypt(sealed, 'idNumber')).toThrow();
    expect(() => new PiiCipher(randomBytes(32), 'hn-test').decrypt(sealed, 'phone')).toThrow();
    expect(() => new PiiCipher(Buffer.from(key), 'hn-other').decrypt(sealed, 'phone')).toThrow();
  });

  it('gives a deterministic keyed blind index, distinct per key, kind and namespace', () => {
    const same = new PiiCipher(Buffer.from(key), 'hn-test');
    expect(cipher.blindIndex('RESIDENT_ID', 'X1').equals(same.blindIndex('RESIDENT_ID', 'X1'))).toBe(true);
    expect(cipher.blindIndex('RESIDENT_ID', 'X1').equals(cipher.blindIndex('PASSPORT', 'X1'))).toBe(false);
    expect(
      cipher
        .blindIndex('RESIDENT_ID', 'X1')
        .equals(new PiiCipher(randomBytes(32), 'hn-test').blindIndex('RESIDENT_ID', 'X1')),
    ).toBe(false);
    expect(
      cipher.blindIndex('RESIDENT_ID', 'X1').equals(new PiiCipher(key, 'hn-other').blindIndex('RESIDENT_ID', 'X1')),
    ).toBe(false);
    expect(same.keyId).toBe(cipher.keyId);
    expect(cipher.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('digests request bodies with the key (no offline brute force of masked digits)', () => {
    expect(cipher.requestDigest('{"a":1}')).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.requestDigest('{"a":1}')).toBe(new PiiCipher(Buffer.from(key), 'hn-test').requestDigest('{"a":1}'));
    expect(cipher.requestDigest('{"a":1}')).not.toBe(
      new PiiCipher(randomBytes(32), 'hn-test').requestDigest('{"a":1}'),
    );
    expect(cipher.requestDigest('{"a":1}')).not.toBe(cipher.requestDigest('{"a":2}'));
  });

  it('opens what the contracts service sealed before the cipher became a library (namespace hn-contracts)', () => {
    // produced by apps/contracts/src/pii/pii-cipher.ts before the move: stored buyers stay readable
    const fixed = new PiiCipher(
      Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex'),
      'hn-contracts',
    );
    expect(fixed.keyId).toBe('25eeb7379a0218a2');
    const sealed = {
      ciphertext: Buffer.from('27ed64954a21d83611b0fdc10d94d0a05b8b', 'hex'),
      iv: Buffer.from('9debd1292efb4614b7fc7d43', 'hex'),
      tag: Buffer.from('778ed8134199d03d0e6afb52b9124006', 'hex'),
    };
    expect(fixed.decrypt(sealed, 'idNumber')).toBe('430223199001011234');
    expect(fixed.blindIndex('RESIDENT_ID', '430223199001011234').toString('hex')).toBe(
      '24de3f7c694dbf3cf7c70200769ce99b06fb195ef904c0324011f40e09f4c648',
    );
    expect(fixed.requestDigest('{"a":1}')).toBe('4ca73b77e29d4998412e915115a919f267d865c7fd52920337ab99a025f09ac4');
  });

  it('needs a 32-byte key and a namespace', () => {
    expect(() => new PiiCipher(randomBytes(16), 'hn-test')).toThrow(RangeError);
    expect(() => new PiiCipher(randomBytes(32), '')).toThrow(RangeError);
    expect(() => new PiiCipher(randomBytes(32), 'Hn:Gateway')).toThrow(RangeError);
  });
});
