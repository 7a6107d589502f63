import { KeyObject, sign, verify } from 'node:crypto';
import { daysSinceEpoch, isNonNegativeSafeInteger, isoDateFromDays } from './bytes';
import { SigningKey } from './signing-key';

/**
 * What a chain token states about one issued (or corrected) presale permit.
 * 链令牌声明的内容。
 */
export interface ChainTokenClaims {
  /** Key id of the signing key (8 lowercase hex). 签名密钥标识 */
  keyId: string;
  /** Unified presale permit number, e.g. 430223202406200101-Y01. 预售许可证号 */
  presaleNumber: string;
  /** Issue date YYYY-MM-DD. 发证日期 */
  issueDate: string;
  /** First 16 bytes of SHA-256 of the canonical record (see recordDigest). 记录摘要 */
  recordDigest: Buffer;
  /** Index of the permit's entry in the transparency log. 日志序号 */
  logIndex: number;
  /** Issued by a sandbox / test environment, never a real permit. 沙箱令牌 */
  sandbox?: boolean;
}

export type ChainTokenFailureReason =
  'MALFORMED' | 'TRUNCATED' | 'UNSUPPORTED_VERSION' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE';

export type ChainTokenVerification =
  { valid: true; claims: ChainTokenClaims } | { valid: false; reason: ChainTokenFailureReason; message: string };

/** Token format version written by this library. 令牌格式版本 */
export const CHAIN_TOKEN_VERSION = 1;
/** Length in bytes of a version-1 token before base64url. 版本 1 令牌的字节长度 */
export const CHAIN_TOKEN_BYTES = 102;
/** Length of a version-1 token as base64url text (102 bytes = 34 groups of 3, no padding). */
export const CHAIN_TOKEN_TEXT_LENGTH = 136;

// Byte layout of version 1 (all integers big-endian); see docs/chain-token.md.
const OFF_VERSION = 0;
const OFF_FLAGS = 1;
const OFF_KEY_ID = 2; // 4 bytes
const OFF_PERMIT = 6; // uint64, the 18-digit construction permit number
const OFF_LETTER = 14; // 'Y' (0x59) or 'Z' (0x5A)
const OFF_SERIAL = 15; // 1..99
const OFF_DATE = 16; // uint16, days since 1970-01-01
const OFF_DIGEST = 18; // 16 bytes
const OFF_LOG_INDEX = 34; // uint32
const OFF_SIGNATURE = 38; // 64 bytes, Ed25519 over bytes [0, 38)

const FLAG_SANDBOX = 0x01;
const KNOWN_FLAGS = FLAG_SANDBOX;
const PERMIT_LIMIT = 10n ** 18n;
const MAX_DAYS = 0xffff; // 2149-06-06
const MAX_LOG_INDEX = 0xffff_ffff;
const PRESALE_NUMBER = /^(\d{18})-([YZ])(\d{2})$/;
const KEY_ID = /^[0-9a-f]{8}$/;
const BASE64URL_CHARS = /^[A-Za-z0-9_-]*$/;

class TokenError extends Error {
  constructor(
    readonly reason: ChainTokenFailureReason,
    message: string,
  ) {
    super(message);
  }
}

function invalid(reason: ChainTokenFailureReason, message: string): never {
  throw new TokenError(reason, message);
}

/**
 * Encodes and signs a version-1 chain token; returns base64url text without padding (136 characters).
 * Throws RangeError when a claim cannot be represented (bad presale number, date outside
 * 1970-01-01..2149-06-06, digest not 16 bytes, log index outside 0..2^32-1).
 * 编码并签名链令牌，返回不带填充的 base64url 文本。
 */
export function encodeChainToken(claims: Omit<ChainTokenClaims, 'keyId'>, key: SigningKey): string {
  const number = PRESALE_NUMBER.exec(claims.presaleNumber);
  const serial = number ? Number(number[3]) : 0;
  if (!number || serial < 1) {
    throw new RangeError(
      `预售许可证号格式错误 (presale number must look like 430223202406200101-Y01): ${claims.presaleNumber}`,
    );
  }
  const days = daysSinceEpoch(claims.issueDate);
  if (days === null || days < 0 || days > MAX_DAYS) {
    throw new RangeError(
      `发证日期无效 (issue date must be YYYY-MM-DD between 1970-01-01 and 2149-06-06): ${claims.issueDate}`,
    );
  }
  if (!Buffer.isBuffer(claims.recordDigest) || claims.recordDigest.length !== 16) {
    throw new RangeError('记录摘要必须为 16 字节 (record digest must be 16 bytes, see recordDigest())');
  }
  if (!isNonNegativeSafeInteger(claims.logIndex) || claims.logIndex > MAX_LOG_INDEX) {
    throw new RangeError(`日志序号超出范围 (log index must be an integer 0..4294967295): ${claims.logIndex}`);
  }
  if (!KEY_ID.test(key.keyId)) throw new RangeError(`密钥标识格式错误 (key id must be 8 hex digits): ${key.keyId}`);

  const bytes = Buffer.alloc(CHAIN_TOKEN_BYTES);
  bytes[OFF_VERSION] = CHAIN_TOKEN_VERSION;
  bytes[OFF_FLAGS] = claims.sandbox === true ? FLAG_SANDBOX : 0;
  Buffer.from(key.keyId, 'hex').copy(bytes, OFF_KEY_ID);
  bytes.writeBigUInt64BE(BigInt(number[1]), OFF_PERMIT);
  bytes[OFF_LETTER] = number[2].charCodeAt(0);
  bytes[OFF_SERIAL] = serial;
  bytes.writeUInt16BE(days, OFF_DATE);
  claims.recordDigest.copy(bytes, OFF_DIGEST);
  bytes.writeUInt32BE(claims.logIndex, OFF_LOG_INDEX);
  sign(null, bytes.subarray(0, OFF_SIGNATURE), key.privateKey).copy(bytes, OFF_SIGNATURE);
  return bytes.toString('base64url');
}

/** Text → the 102 token bytes, or a TokenError naming why not (MALFORMED / TRUNCATED / UNSUPPORTED_VERSION). */
function tokenBytes(token: unknown): Buffer {
  if (typeof token !== 'string') invalid('MALFORMED', '令牌不是字符串 (token is not a string)');
  if (!BASE64URL_CHARS.test(token))
    invalid('MALFORMED', '令牌含有非 base64url 字符 (token contains characters outside base64url)');
  // Decoding is lenient here only to read the version of a short or long text; a full-length
  // version-1 token is exactly 136 characters, which always decode canonically.
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length === 0) invalid('TRUNCATED', `令牌不完整 (token truncated: 0 of ${CHAIN_TOKEN_BYTES} bytes)`);
  if (bytes[OFF_VERSION] !== CHAIN_TOKEN_VERSION) {
    invalid('UNSUPPORTED_VERSION', `不支持的令牌版本 (unsupported token version ${bytes[OFF_VERSION]})`);
  }
  if (token.length < CHAIN_TOKEN_TEXT_LENGTH) {
    invalid('TRUNCATED', `令牌不完整 (token truncated: ${token.length} of ${CHAIN_TOKEN_TEXT_LENGTH} characters)`);
  }
  if (token.length > CHAIN_TOKEN_TEXT_LENGTH) {
    invalid('MALFORMED', `令牌过长 (token too long: ${token.length} of ${CHAIN_TOKEN_TEXT_LENGTH} characters)`);
  }
  return bytes;
}

/** Reads the claims of the 102 token bytes; throws a MALFORMED TokenError for values no signer writes. */
function claimsOf(bytes: Buffer): ChainTokenClaims {
  const flags = bytes[OFF_FLAGS];
  if ((flags & ~KNOWN_FLAGS) !== 0) invalid('MALFORMED', `未知的标志位 (unknown flag bits 0x${flags.toString(16)})`);
  const permit = bytes.readBigUInt64BE(OFF_PERMIT);
  if (permit >= PERMIT_LIMIT) invalid('MALFORMED', '施工许可证号超过 18 位 (permit number exceeds 18 digits)');
  const letter = String.fromCharCode(bytes[OFF_LETTER]);
  if (letter !== 'Y' && letter !== 'Z')
    invalid('MALFORMED', `许可证字母无效 (letter must be Y or Z, got byte ${bytes[OFF_LETTER]})`);
  const serial = bytes[OFF_SERIAL];
  if (serial < 1 || serial > 99) invalid('MALFORMED', `序号超出 01..99 (serial out of range: ${serial})`);
  return {
    keyId: bytes.subarray(OFF_KEY_ID, OFF_KEY_ID + 4).toString('hex'),
    presaleNumber: `${permit.toString().padStart(18, '0')}-${letter}${String(serial).padStart(2, '0')}`,
    issueDate: isoDateFromDays(bytes.readUInt16BE(OFF_DATE)),
    recordDigest: Buffer.from(bytes.subarray(OFF_DIGEST, OFF_DIGEST + 16)),
    logIndex: bytes.readUInt32BE(OFF_LOG_INDEX),
    sandbox: (flags & FLAG_SANDBOX) !== 0,
  };
}

/**
 * Reads a token's claims WITHOUT checking its signature (for display and diagnostics only; never
 * trust the result). Null when the text is not a complete, well-formed version-1 token.
 * 仅解析、不验签；结果不可信任。
 */
export function decodeChainTokenUnverified(token: string): ChainTokenClaims | null {
  try {
    return claimsOf(tokenBytes(token));
  } catch (error) {
    if (error instanceof TokenError) return null;
    throw error;
  }
}

/**
 * Verifies a chain token against the published keys (key id → Ed25519 public key; keep retired keys
 * in the map so that tokens they signed keep verifying). Checks, in order: base64url text (MALFORMED),
 * version (UNSUPPORTED_VERSION), length (TRUNCATED / MALFORMED), key id (UNKNOWN_KEY), Ed25519
 * signature (BAD_SIGNATURE), field values (MALFORMED). A valid result still has to be compared with
 * what the caller expects (e.g. the presale number on the page): a genuine token of another permit
 * verifies too, with that other permit's claims.
 * 验证链令牌；有效时仍须比对声明内容（如许可证号）。
 */
export function verifyChainToken(token: string, keys: ReadonlyMap<string, KeyObject>): ChainTokenVerification {
  try {
    const bytes = tokenBytes(token);
    const keyId = bytes.subarray(OFF_KEY_ID, OFF_KEY_ID + 4).toString('hex');
    const publicKey = keys.get(keyId);
    if (!publicKey) invalid('UNKNOWN_KEY', `未知的签名密钥 (unknown signing key ${keyId})`);
    let ok = false;
    if (publicKey.type === 'public' && publicKey.asymmetricKeyType === 'ed25519') {
      try {
        ok = verify(null, bytes.subarray(0, OFF_SIGNATURE), publicKey, bytes.subarray(OFF_SIGNATURE));
      } catch {
        ok = false;
      }
    }
    if (!ok) invalid('BAD_SIGNATURE', `签名无效 (signature does not verify with key ${keyId})`);
    return { valid: true, claims: claimsOf(bytes) };
  } catch (error) {
    if (error instanceof TokenError) return { valid: false, reason: error.reason, message: error.message };
    throw error;
  }
}
