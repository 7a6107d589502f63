import fc from 'fast-check';
import { createPrivateKey } from 'node:crypto';
import { noteKeyId, signNote, verifyNote } from './signed-note';
import { generateSigningKey, rawPublicKey, SigningKey, signingKeyFromPkcs8Pem } from './signing-key';

const key = generateSigningKey();
const NAME = 'zjt.hunan.gov.cn/presale-log';
const BODY = 'zjt.hunan.gov.cn/presale-log\n3\ngZgrPhGCagm4+T2T50MELPW7uXjMIIpQbydFxuCyNFQ=\n';

function keyFromSeed(seed: Buffer): SigningKey {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return signingKeyFromPkcs8Pem(
    createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
}

describe(signNote.name, () => {
  it('matches the Go reference implementation (golang.org/x/mod/sumdb/note, PeterNeumann example) byte for byte 与 Go 参考实现一致', () => {
    // PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz (0x01 || seed)
    const peter = keyFromSeed(Buffer.from('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz', 'base64').subarray(1));
    // PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW (0x01 || public key)
    expect(
      rawPublicKey(peter.publicKey).equals(
        Buffer.from('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'base64').subarray(1),
      ),
    ).toBe(true);
    expect(noteKeyId('PeterNeumann', peter.publicKey).toString('hex')).toBe('c74f20a3');
    const text =
      "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    const note = `${text}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
    expect(signNote(text, 'PeterNeumann', peter)).toBe(note);
    expect(verifyNote(note, 'PeterNeumann', peter.publicKey)).toEqual({ valid: true, body: text });
  });

  it('appends a blank line and one signature line 正文 + 空行 + 签名行', () => {
    const note = signNote(BODY, NAME, key);
    expect(note.startsWith(`${BODY}\n\u2014 ${NAME} `)).toBe(true);
    const blob = Buffer.from(note.slice(BODY.length + 1).split(' ')[2], 'base64');
    expect(blob).toHaveLength(68);
    expect(blob.subarray(0, 4).equals(noteKeyId(NAME, key.publicKey))).toBe(true);
  });

  it('refuses a body without final newline or with control characters, and bad key names', () => {
    expect(() => signNote('no newline', NAME, key)).toThrow(RangeError);
    expect(() => signNote('', NAME, key)).toThrow(RangeError);
    expect(() => signNote('tab\there\n', NAME, key)).toThrow(RangeError);
    expect(() => signNote('cr\r\n', NAME, key)).toThrow(RangeError);
    for (const name of ['', 'has space', 'has+plus', 'ideographic\u3000space', 'nb\u00a0sp'])
      expect(() => signNote(BODY, name, key)).toThrow(RangeError);
  });
});

describe(verifyNote.name, () => {
  const note = signNote(BODY, NAME, key);

  it('round-trips 签名往返', () => {
    expect(verifyNote(note, NAME, key.publicKey)).toEqual({ valid: true, body: BODY });
  });

  it('fails when the body is tampered with 正文被篡改', () => {
    expect(verifyNote(note.replace('\n3\n', '\n4\n'), NAME, key.publicKey)).toEqual({
      valid: false,
      reason: 'BAD_SIGNATURE',
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: BODY.length - 2 }), (position) => {
        const replacement = BODY[position] === 'A' ? 'B' : 'A';
        const tampered = BODY.slice(0, position) + replacement + BODY.slice(position + 1) + note.slice(BODY.length);
        expect(verifyNote(tampered, NAME, key.publicKey).valid).toBe(false);
      }),
    );
  });

  it('fails with the wrong key or the wrong key name (their signatures are absent, not bad) 错误密钥', () => {
    expect(verifyNote(note, NAME, generateSigningKey().publicKey)).toEqual({ valid: false, reason: 'NO_SIGNATURE' });
    expect(verifyNote(note, 'other.example/log', key.publicKey)).toEqual({ valid: false, reason: 'NO_SIGNATURE' });
  });

  it('rejects the whole note when a signature of the trusted key does not verify', () => {
    const lines = note.split('\n');
    const sigLine = lines[lines.length - 2];
    const blob = Buffer.from(sigLine.split(' ')[2], 'base64');
    blob[10] ^= 1;
    const bad = note.replace(sigLine, `\u2014 ${NAME} ${blob.toString('base64')}`);
    expect(verifyNote(bad, NAME, key.publicKey)).toEqual({ valid: false, reason: 'BAD_SIGNATURE' });
  });

  it('ignores signatures of other keys (witness cosignatures, rotation) 忽略其他密钥的签名', () => {
    const witness = generateSigningKey();
    const cosigned = note + signNote(BODY, 'witness.example/w1', witness).slice(BODY.length + 1);
    expect(verifyNote(cosigned, NAME, key.publicKey)).toEqual({ valid: true, body: BODY });
    expect(verifyNote(cosigned, 'witness.example/w1', witness.publicKey)).toEqual({ valid: true, body: BODY });
    const successor = generateSigningKey();
    const rotated = note + signNote(BODY, NAME, successor).slice(BODY.length + 1);
    expect(verifyNote(rotated, NAME, key.publicKey).valid).toBe(true);
    expect(verifyNote(rotated, NAME, successor.publicKey).valid).toBe(true);
  });

  it('keeps blank lines inside the text (split at the last blank line)', () => {
    const body = 'line one\n\nline three\n';
    expect(verifyNote(signNote(body, NAME, key), NAME, key.publicKey)).toEqual({ valid: true, body });
  });

  it.each([
    ['no blank line', () => note.replace(`${BODY}\n`, BODY)],
    ['no final newline', () => note.slice(0, -1)],
    ['hyphen instead of em dash', () => note.replace('\u2014', '-')],
    ['no signature lines', () => `${BODY}\n`],
    ['base64url signature', () => note.replace(/\+/g, '-').replace(/\//g, '_')],
    ['control character', () => note.replace('\n3\n', '\n3\r\n')],
    ['trailing junk line', () => `${note}junk\n`],
  ])('reports a malformed note: %s 格式错误', (_, make) => {
    expect(verifyNote(make(), NAME, key.publicKey)).toMatchObject({ valid: false });
  });

  it('reports MALFORMED for text that is not a signed note, INVALID_KEY for a bad key', () => {
    expect(verifyNote('just text\n', NAME, key.publicKey)).toEqual({ valid: false, reason: 'MALFORMED' });
    expect(verifyNote(note, 'bad name', key.publicKey)).toEqual({ valid: false, reason: 'INVALID_KEY' });
    expect(verifyNote(note, NAME, key.privateKey)).toEqual({ valid: false, reason: 'INVALID_KEY' });
  });
});
