import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { decodeBase64UrlStrict, sha256 } from './bytes';

/**
 * An Ed25519 signing key of the presale service.
 * 预售服务的 Ed25519 签名密钥。
 *
 * `keyId` = lowercase hex of the first 4 bytes of SHA-256(raw 32-byte public key), e.g. "3f2a9c01".
 * It is printed into every chain token and is the `kid` of the key in the published JWKS.
 */
export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The public half of a signing key, as a verifier holds it. 验证方持有的公钥。 */
export interface PublicKeyEntry {
  keyId: string;
  publicKey: KeyObject;
}

/** A public Ed25519 key as a JSON Web Key (RFC 8037), the form published in the JWKS. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  use: 'sig';
  alg: 'EdDSA';
}

function assertEd25519(key: KeyObject, type: 'private' | 'public'): void {
  if (key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`需要 Ed25519 ${type === 'private' ? '私钥' : '公钥'} (expected an Ed25519 ${type} key)`);
  }
}

/** The raw 32-byte Ed25519 public key (RFC 8032 encoding). */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  assertEd25519(publicKey, 'public');
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = typeof jwk.x === 'string' ? decodeBase64UrlStrict(jwk.x) : null;
  if (!raw || raw.length !== 32) throw new TypeError('无法导出 Ed25519 公钥 (cannot export the Ed25519 public key)');
  return raw;
}

/** Key id of a public key: hex of SHA-256(raw public key)[0..4). 密钥标识。 */
export function keyIdOf(publicKey: KeyObject): string {
  return sha256(rawPublicKey(publicKey)).subarray(0, 4).toString('hex');
}

function fromPrivateKey(privateKey: KeyObject): SigningKey {
  assertEd25519(privateKey, 'private');
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/** A fresh random Ed25519 key. 生成新的随机密钥。 */
export function generateSigningKey(): SigningKey {
  return fromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}

/**
 * Loads a PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") Ed25519 private key; the public key and key id
 * are derived from it. Throws on anything else (other algorithms, encrypted or public keys).
 * 从 PKCS#8 PEM 读取私钥，并派生公钥与密钥标识。
 */
export function signingKeyFromPkcs8Pem(pem: string): SigningKey {
  if (!/-----BEGIN PRIVATE KEY-----/.test(pem)) {
    throw new TypeError('需要 PKCS#8 PEM 私钥 (expected a PKCS#8 PEM private key, "BEGIN PRIVATE KEY")');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new TypeError(`无法读取私钥 (cannot read the private key): ${(error as Error).message}`);
  }
  return fromPrivateKey(privateKey);
}

/** The private key as PKCS#8 PEM (unencrypted: store it in a secret store, never in the repository). */
export function signingKeyToPkcs8Pem(key: SigningKey): string {
  assertEd25519(key.privateKey, 'private');
  return key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The public key as a JWK for the published JWKS; `kid` is the key id. */
export function publicKeyToJwk(key: PublicKeyEntry): Ed25519PublicJwk {
  const raw = rawPublicKey(key.publicKey);
  const keyId = sha256(raw).subarray(0, 4).toString('hex');
  if (key.keyId !== keyId) {
    throw new TypeError(`密钥标识与公钥不符 (key id ${key.keyId} does not match the public key, expected ${keyId})`);
  }
  return { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url'), kid: keyId, use: 'sig', alg: 'EdDSA' };
}

/**
 * Reads a public Ed25519 JWK. The `kid` must equal the key id derived from `x`, otherwise this
 * throws (a mislabelled key would make every token it signed fail as UNKNOWN_KEY or BAD_SIGNATURE).
 * 读取 JWK 公钥；kid 必须与由公钥派生的标识一致。
 */
export function publicKeyFromJwk(jwk: { kty: string; crv: string; x: string; kid: string }): PublicKeyEntry {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') {
    throw new TypeError(`不是 Ed25519 公钥 (not an Ed25519 public JWK: kty=${jwk.kty}, crv=${jwk.crv})`);
  }
  const raw = typeof jwk.x === 'string' ? decodeBase64UrlStrict(jwk.x) : null;
  if (!raw || raw.length !== 32)
    throw new TypeError('JWK 的 x 不是 32 字节 base64url (JWK x is not 32 bytes of base64url)');
  const keyId = sha256(raw).subarray(0, 4).toString('hex');
  if (jwk.kid !== keyId) {
    throw new TypeError(`JWK 的 kid 与公钥不符 (JWK kid ${String(jwk.kid)} does not match the key, expected ${keyId})`);
  }
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  return { keyId, publicKey };
}
