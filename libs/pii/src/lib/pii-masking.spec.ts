import { maskIdNumber, maskPhone } from './pii-masking';

describe('PII masking 脱敏', () => {
  it('masks resident IDs as first 6 + 8 stars + last 4', () => {
    expect(maskIdNumber('43022319900101123X')).toBe('430223********123X');
    expect(maskIdNumber('430223199001011234')).toBe('430223********1234');
  });

  it('masks shorter documents without revealing most of them', () => {
    expect(maskIdNumber('E12345678')).toBe('E1*****78');
    expect(maskIdNumber('12345678')).toBe('12****78');
    expect(maskIdNumber('AB12')).toBe('***2');
    expect(maskIdNumber('')).toBe('');
  });

  it('masks phones as first 3 + 4 stars + last 4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0731-88889999')).toBe('073****9999');
    expect(maskPhone('1234567')).toBe('****67');
  });
});
