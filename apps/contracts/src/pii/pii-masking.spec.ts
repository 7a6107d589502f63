import { ContractBuyerV1 } from '@hn/messages';
import { maskBuyers, maskIdNumber, maskPhone } from './pii-masking';

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

  it('masks persons and leaves organisations alone, without mutating the input', () => {
    const buyers: ContractBuyerV1[] = [
      { type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: '430223199001011234', phone: '13812345678' },
      { type: 'ORGANIZATION', name: '某公司', creditCode: '91430223MA4Q0ABC1X' },
    ];
    const masked = maskBuyers(buyers);
    expect(masked).toEqual([
      { type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: '430223********1234', phone: '138****5678' },
      { type: 'ORGANIZATION', name: '某公司', creditCode: '91430223MA4Q0ABC1X' },
    ]);
    expect(buyers[0]).toMatchObject({ idNumber: '430223199001011234' });
  });
});
