import fc from 'fast-check';
import { KeyObject, sign } from 'node:crypto';
import { recordDigest } from './canonical-json';
import {
  CHAIN_TOKEN_BYTES,
  CHAIN_TOKEN_TEXT_LENGTH,
  ChainTokenClaims,
  decodeChainTokenUnverified,
  encodeChainToken,
  verifyChainToken,
} from './chain-token';
import { generateSigningKey, SigningKey } from './signing-key';

const key = generateSigningKey();
const keys: ReadonlyMap<string, KeyObject> = new Map([[key.keyId, key.publicKey]]);

/** A realistic claim set: a real-looking record digest and a log index of ten million. */
const claims: Omit<ChainTokenClaims, 'keyId'> = {
  presaleNumber: '430223202406200101-Y01',
  issueDate: '2024-08-01',
  recordDigest: recordDigest({ presaleNumber: '430223202406200101-Y01', projectName: '攸县示例花园', area: 12345.67 }),
  logIndex: 10_000_000,
};
const token = encodeChainToken(claims, key);
const tokenBytes = Buffer.from(token, 'base64url');

function withBytes(bytes: Buffer): string {
  return bytes.toString('base64url');
}

/** A token whose signed part is `body` (38 bytes), correctly signed: for field checks behind the signature. */
function signedToken(body: Buffer, signer: SigningKey = key): string {
  return withBytes(Buffer.concat([body, sign(null, body, signer.privateKey)]));
}

const claimsArbitrary = fc.record({
  permit: fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }),
  letter: fc.constantFrom('Y', 'Z'),
  serial: fc.integer({ min: 1, max: 99 }),
  days: fc.integer({ min: 0, max: 0xffff }),
  digest: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  logIndex: fc.integer({ min: 0, max: 0xffff_ffff }),
  sandbox: fc.option(fc.boolean(), { nil: undefined }),
});

describe(encodeChainToken.name, () => {
  it('produces 102 bytes = 136 base64url characters, well under the 150-byte budget 令牌不超过 150 字节', () => {
    expect(tokenBytes.length).toBe(CHAIN_TOKEN_BYTES);
    expect(tokenBytes.length).toBeLessThanOrEqual(150);
    expect(token).toHaveLength(CHAIN_TOKEN_TEXT_LENGTH);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('lays the bytes out as documented 字节布局', () => {
    expect(tokenBytes[0]).toBe(1);
    expect(tokenBytes[1]).toBe(0);
    expect(tokenBytes.subarray(2, 6).toString('hex')).toBe(key.keyId);
    expect(tokenBytes.readBigUInt64BE(6)).toBe(430223202406200101n);
    expect(String.fromCharCode(tokenBytes[14])).toBe('Y');
    expect(tokenBytes[15]).toBe(1);
    expect(tokenBytes.readUInt16BE(16)).toBe(Date.UTC(2024, 7, 1) / 86_400_000);
    expect(tokenBytes.subarray(18, 34).equals(claims.recordDigest)).toBe(true);
    expect(tokenBytes.readUInt32BE(34)).toBe(10_000_000);
  });

  it('is deterministic (Ed25519) 确定性', () => {
    expect(encodeChainToken(claims, key)).toBe(token);
  });

  it.each([
    ['430223202406200101-Y00', 'serial 00'],
    ['430223202406200101-X01', 'letter X'],
    ['43022320240620010-Y01', '17 digits'],
    ['430223202406200101Y01', 'no dash'],
    ['430223202406200101-Y1', 'one-digit serial'],
    [' 430223202406200101-Y01', 'leading space'],
  ])('rejects presale number %s (%s)', (presaleNumber) => {
    expect(() => encodeChainToken({ ...claims, presaleNumber }, key)).toThrow(RangeError);
  });

  it.each(['1969-12-31', '2149-06-07', '2024-02-30', '2024-8-1', '20240801', ''])(
    'rejects issue date %j',
    (issueDate) => {
      expect(() => encodeChainToken({ ...claims, issueDate }, key)).toThrow(RangeError);
    },
  );

  it('accepts the edge dates 1970-01-01 and 2149-06-06', () => {
    for (const issueDate of ['1970-01-01', '2149-06-06']) {
      expect(decodeChainTokenUnverified(encodeChainToken({ ...claims, issueDate }, key))?.issueDate).toBe(issueDate);
    }
  });

  it.each([15, 17, 32, 0])('rejects a %i-byte digest', (length) => {
    expect(() => encodeChainToken({ ...claims, recordDigest: Buffer.alloc(length) }, key)).toThrow(RangeError);
  });

  it.each([-1, 1.5, 2 ** 32, Number.NaN])('rejects log index %p', (logIndex) => {
    expect(() => encodeChainToken({ ...claims, logIndex }, key)).toThrow(RangeError);
  });

  it('accepts log index 0 and 2^32-1', () => {
    for (const logIndex of [0, 2 ** 32 - 1]) {
      expect(decodeChainTokenUnverified(encodeChainToken({ ...claims, logIndex }, key))?.logIndex).toBe(logIndex);
    }
  });
});

describe(verifyChainToken.name, () => {
  it('round-trips the claims 往返一致', () => {
    expect(verifyChainToken(token, keys)).toEqual({
      valid: true,
      claims: { ...claims, keyId: key.keyId, sandbox: false },
    });
  });

  it('round-trips any representable claim set (property) 任意声明往返一致', () => {
    fc.assert(
      fc.property(claimsArbitrary, (c) => {
        const presaleNumber = `${c.permit.toString().padStart(18, '0')}-${c.letter}${String(c.serial).padStart(2, '0')}`;
        const issueDate = new Date(c.days * 86_400_000).toISOString().slice(0, 10);
        const input = {
          presaleNumber,
          issueDate,
          recordDigest: Buffer.from(c.digest),
          logIndex: c.logIndex,
          sandbox: c.sandbox,
        };
        const result = verifyChainToken(encodeChainToken(input, key), keys);
        expect(result).toEqual({ valid: true, claims: { ...input, keyId: key.keyId, sandbox: c.sandbox === true } });
      }),
      { numRuns: 300 },
    );
  });

  it('carries the sandbox flag 沙箱标志', () => {
    const result = verifyChainToken(encodeChainToken({ ...claims, sandbox: true }, key), keys);
    expect(result.valid && result.claims.sandbox).toBe(true);
  });

  it('rejects a token with any single bit flipped (property over all 816 positions) 任一位翻转即无效', () => {
    const expected = (byte: number) =>
      byte === 0 ? 'UNSUPPORTED_VERSION' : byte >= 2 && byte < 6 ? 'UNKNOWN_KEY' : 'BAD_SIGNATURE';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: CHAIN_TOKEN_BYTES * 8 - 1 }), (bit) => {
        const bytes = Buffer.from(tokenBytes);
        bytes[bit >> 3] ^= 1 << (bit & 7);
        const result = verifyChainToken(withBytes(bytes), keys);
        expect(result).toMatchObject({ valid: false, reason: expected(bit >> 3) });
      }),
      { numRuns: 2000 },
    );
    // and exhaustively, since there are only 816 positions
    for (let bit = 0; bit < CHAIN_TOKEN_BYTES * 8; bit++) {
      const bytes = Buffer.from(tokenBytes);
      bytes[bit >> 3] ^= 1 << (bit & 7);
      expect(verifyChainToken(withBytes(bytes), keys)).toMatchObject({ valid: false, reason: expected(bit >> 3) });
    }
  });

  it('rejects any single changed character of the text 任一字符被改即无效', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: token.length - 1 }), fc.integer({ min: 1, max: 63 }), (position, shift) => {
        const replaced = alphabet[(alphabet.indexOf(token[position]) + shift) % 64];
        const mutated = token.slice(0, position) + replaced + token.slice(position + 1);
        expect(verifyChainToken(mutated, keys).valid).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('reports every truncation as TRUNCATED 截断', () => {
    for (let length = 0; length < token.length; length++) {
      expect(verifyChainToken(token.slice(0, length), keys)).toMatchObject({ valid: false, reason: 'TRUNCATED' });
    }
    expect(verifyChainToken(withBytes(tokenBytes.subarray(0, 101)), keys)).toMatchObject({
      valid: false,
      reason: 'TRUNCATED',
    });
  });

  it('reports extra characters, foreign characters and padding as MALFORMED 格式错误', () => {
    for (const bad of [
      token + 'A',
      token + 'AAAA',
      token + '=',
      `${token.slice(0, 10)}+${token.slice(11)}`,
      `${token.slice(0, 10)}/${token.slice(11)}`,
      ` ${token}`,
      `${token}\n`,
    ]) {
      expect(verifyChainToken(bad, keys)).toMatchObject({ valid: false, reason: 'MALFORMED' });
    }
    expect(verifyChainToken(42 as unknown as string, keys)).toMatchObject({ valid: false, reason: 'MALFORMED' });
  });

  it('reports another version as UNSUPPORTED_VERSION, whatever its length 版本不支持', () => {
    for (const version of [0, 2, 255]) {
      const bytes = Buffer.from(tokenBytes);
      bytes[0] = version;
      expect(verifyChainToken(withBytes(bytes), keys)).toMatchObject({ valid: false, reason: 'UNSUPPORTED_VERSION' });
      expect(verifyChainToken(withBytes(Buffer.concat([bytes, Buffer.alloc(30)])), keys)).toMatchObject({
        reason: 'UNSUPPORTED_VERSION',
      });
      expect(verifyChainToken(withBytes(bytes.subarray(0, 10)), keys)).toMatchObject({ reason: 'UNSUPPORTED_VERSION' });
    }
  });

  it('reports a key id that is not in the map as UNKNOWN_KEY 未知密钥', () => {
    const other = generateSigningKey();
    expect(verifyChainToken(token, new Map())).toMatchObject({ valid: false, reason: 'UNKNOWN_KEY' });
    expect(verifyChainToken(token, new Map([[other.keyId, other.publicKey]]))).toMatchObject({
      valid: false,
      reason: 'UNKNOWN_KEY',
    });
  });

  it('reports BAD_SIGNATURE when the map holds a different key under the token key id, or a non-Ed25519 key', () => {
    const other = generateSigningKey();
    expect(verifyChainToken(token, new Map([[key.keyId, other.publicKey]]))).toMatchObject({
      valid: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(verifyChainToken(token, new Map([[key.keyId, key.privateKey]]))).toMatchObject({
      valid: false,
      reason: 'BAD_SIGNATURE',
    });
  });

  it('never lets a genuine token of another permit pass as this one 其他许可证的真令牌不能冒充', () => {
    const variants: Omit<ChainTokenClaims, 'keyId'>[] = [
      { ...claims, presaleNumber: '430223202406200101-Y02' },
      { ...claims, presaleNumber: '430223202406200101-Z01' },
      { ...claims, presaleNumber: '430223202406200102-Y01' },
      { ...claims, issueDate: '2024-08-02' },
      { ...claims, recordDigest: Buffer.alloc(16, 1) },
      { ...claims, logIndex: 10_000_001 },
      { ...claims, sandbox: true },
    ];
    for (const variant of variants) {
      const other = encodeChainToken(variant, key);
      const result = verifyChainToken(other, keys);
      // it is genuine, but states the other permit: a page comparing claims rejects it
      expect(result.valid).toBe(true);
      if (result.valid) expect(result.claims).not.toEqual({ ...claims, keyId: key.keyId, sandbox: false });
      // its signature does not transfer onto this permit's bytes, nor this one's onto it
      const otherBytes = Buffer.from(other, 'base64url');
      const splice = (body: Buffer, sig: Buffer) => withBytes(Buffer.concat([body.subarray(0, 38), sig.subarray(38)]));
      expect(verifyChainToken(splice(tokenBytes, otherBytes), keys)).toMatchObject({
        valid: false,
        reason: 'BAD_SIGNATURE',
      });
      expect(verifyChainToken(splice(otherBytes, tokenBytes), keys)).toMatchObject({
        valid: false,
        reason: 'BAD_SIGNATURE',
      });
    }
  });

  it('keeps verifying tokens of a retired key while it stays in the map (rotation) 密钥轮换', () => {
    const oldKey = key;
    const newKey = generateSigningKey();
    const oldToken = token;
    const newToken = encodeChainToken({ ...claims, logIndex: 10_000_001 }, newKey);
    const both = new Map([
      [oldKey.keyId, oldKey.publicKey],
      [newKey.keyId, newKey.publicKey],
    ]);
    expect(verifyChainToken(oldToken, both)).toMatchObject({ valid: true, claims: { keyId: oldKey.keyId } });
    expect(verifyChainToken(newToken, both)).toMatchObject({ valid: true, claims: { keyId: newKey.keyId } });
    expect(verifyChainToken(oldToken, new Map([[newKey.keyId, newKey.publicKey]]))).toMatchObject({
      valid: false,
      reason: 'UNKNOWN_KEY',
    });
  });

  it('rejects signed tokens whose fields no encoder writes as MALFORMED 字段值非法', () => {
    const body = () => Buffer.from(tokenBytes.subarray(0, 38));
    const cases: [string, (b: Buffer) => void][] = [
      ['unknown flag bit', (b) => (b[1] = 0x02)],
      ['letter X', (b) => (b[14] = 'X'.charCodeAt(0))],
      ['serial 0', (b) => (b[15] = 0)],
      ['serial 100', (b) => (b[15] = 100)],
      ['permit >= 10^18', (b) => b.writeBigUInt64BE(10n ** 18n, 6)],
    ];
    for (const [, mutate] of cases) {
      const b = body();
      mutate(b);
      const mutated = signedToken(b);
      expect(verifyChainToken(mutated, keys)).toMatchObject({ valid: false, reason: 'MALFORMED' });
      expect(decodeChainTokenUnverified(mutated)).toBeNull();
    }
  });

  it('explains failures in Chinese with English beside 失败原因中英文说明', () => {
    const result = verifyChainToken(token.slice(0, 50), keys);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.message).toMatch(/[\u4e00-\u9fff].*\(.*[a-z]/);
  });
});

describe(decodeChainTokenUnverified.name, () => {
  it('reads the claims without checking the signature 仅解析不验签', () => {
    const bytes = Buffer.from(tokenBytes);
    bytes[80] ^= 0xff;
    expect(decodeChainTokenUnverified(withBytes(bytes))).toEqual({ ...claims, keyId: key.keyId, sandbox: false });
  });

  it('returns null for text that is not a complete version-1 token', () => {
    for (const bad of ['', token.slice(0, 135), token + 'A', token.replace(/^./, 'B'), 'not a token!']) {
      expect(decodeChainTokenUnverified(bad)).toBeNull();
    }
  });
});
