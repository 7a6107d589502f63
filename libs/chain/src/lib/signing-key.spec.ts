import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  generateSigningKey,
  keyIdOf,
  publicKeyFromJwk,
  publicKeyToJwk,
  rawPublicKey,
  signingKeyFromPkcs8Pem,
  signingKeyToPkcs8Pem,
} from './signing-key';

const key = generateSigningKey();

describe(generateSigningKey.name, () => {
  it('makes an Ed25519 key whose id is the hex of SHA-256(raw public key)[0..4) 密钥标识', () => {
    expect(key.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(key.publicKey.type).toBe('public');
    expect(key.keyId).toMatch(/^[0-9a-f]{8}$/);
    const raw = key.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    expect(rawPublicKey(key.publicKey).equals(raw)).toBe(true);
    expect(key.keyId).toBe(createHash('sha256').update(raw).digest().subarray(0, 4).toString('hex'));
    expect(keyIdOf(key.publicKey)).toBe(key.keyId);
  });

  it('makes a different key each time', () => {
    expect(generateSigningKey().keyId).not.toBe(key.keyId);
  });
});

describe(signingKeyFromPkcs8Pem.name, () => {
  it('round-trips through PKCS#8 PEM with the same key id and signatures PEM 往返', () => {
    const pem = signingKeyToPkcs8Pem(key);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const loaded = signingKeyFromPkcs8Pem(pem);
    expect(loaded.keyId).toBe(key.keyId);
    const message = Buffer.from('预售许可证 presale permit');
    expect(sign(null, message, loaded.privateKey).equals(sign(null, message, key.privateKey))).toBe(true);
    expect(verify(null, message, key.publicKey, sign(null, message, loaded.privateKey))).toBe(true);
  });

  it('refuses other algorithms, public keys and garbage 拒绝非 Ed25519 私钥', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signingKeyFromPkcs8Pem(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(
      TypeError,
    );
    expect(() => signingKeyFromPkcs8Pem(key.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow(
      TypeError,
    );
    expect(() => signingKeyFromPkcs8Pem('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).toThrow(
      TypeError,
    );
    expect(() => signingKeyFromPkcs8Pem('')).toThrow(TypeError);
  });
});

describe(signingKeyToPkcs8Pem.name, () => {
  it('writes an unencrypted PKCS#8 PEM', () => {
    expect(signingKeyToPkcs8Pem(key)).toContain('-----END PRIVATE KEY-----');
  });
});

describe(publicKeyToJwk.name, () => {
  it('publishes kty OKP, crv Ed25519, x = base64url raw key, kid = key id JWK 公钥', () => {
    const jwk = publicKeyToJwk(key);
    expect(jwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: rawPublicKey(key.publicKey).toString('base64url'),
      kid: key.keyId,
      use: 'sig',
      alg: 'EdDSA',
    });
    expect(JSON.stringify(jwk)).not.toContain('"d"');
  });

  it('refuses a key id that does not belong to the key', () => {
    expect(() => publicKeyToJwk({ keyId: '00000000', publicKey: key.publicKey })).toThrow(TypeError);
  });
});

describe(publicKeyFromJwk.name, () => {
  it('round-trips a published JWK JWK 往返', () => {
    const entry = publicKeyFromJwk(publicKeyToJwk(key));
    expect(entry.keyId).toBe(key.keyId);
    expect(rawPublicKey(entry.publicKey).equals(rawPublicKey(key.publicKey))).toBe(true);
  });

  it('refuses a wrong kid, curve, type or key length 拒绝不一致的 JWK', () => {
    const jwk = publicKeyToJwk(key);
    expect(() => publicKeyFromJwk({ ...jwk, kid: '00000000' })).toThrow(TypeError);
    expect(() => publicKeyFromJwk({ ...jwk, crv: 'X25519' })).toThrow(TypeError);
    expect(() => publicKeyFromJwk({ ...jwk, kty: 'EC' })).toThrow(TypeError);
    expect(() => publicKeyFromJwk({ ...jwk, x: jwk.x.slice(0, 40) })).toThrow(TypeError);
    expect(() => publicKeyFromJwk({ ...jwk, x: `${jwk.x}=` })).toThrow(TypeError);
  });
});
