import fc from 'fast-check';
import { base32Decode, base32Encode, chainTokenToQrText, normalizeChainTokenText } from './token-text';

describe('base32Encode', () => {
  it('matches RFC 4648 test vectors (without padding)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(Buffer.from('f'))).toBe('MY');
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base32Decode(base32Encode(Buffer.from(bytes)))?.equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });
});

describe('normalizeChainTokenText', () => {
  it('turns the QR text back into the base64url token', () => {
    const token = Buffer.alloc(102, 7).toString('base64url');
    const qr = chainTokenToQrText(token);
    expect(qr).toHaveLength(164);
    expect(normalizeChainTokenText(qr)).toBe(token);
    expect(normalizeChainTokenText(token)).toBe(token);
    expect(normalizeChainTokenText('not a token!')).toBeNull();
  });
});
