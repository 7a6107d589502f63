import { ContractBuyerV1 } from '@hn/messages';
import { maskBuyers } from './pii-masking';

describe(maskBuyers.name, () => {
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
