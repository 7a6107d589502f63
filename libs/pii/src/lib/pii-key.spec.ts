import { randomBytes } from 'node:crypto';
import { decodePiiKey } from './pii-key';

describe(decodePiiKey.name, () => {
  it('reads 32 bytes of standard or URL-safe base64', () => {
    const key = randomBytes(32);
    expect(decodePiiKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(decodePiiKey(` ${key.toString('base64url')} `)?.equals(key)).toBe(true);
  });

  it.each([undefined, '', 'change-me', randomBytes(16).toString('base64'), randomBytes(48).toString('base64')])(
    'refuses %j',
    (text) => expect(decodePiiKey(text)).toBeNull(),
  );

  it('refuses a placeholder of one repeated byte', () => {
    expect(decodePiiKey(Buffer.alloc(32, 0x41).toString('base64'))).toBeNull();
  });
});
