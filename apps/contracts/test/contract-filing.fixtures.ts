// Test fixtures only (specs and integration specs); not used by the service.
import { ContractFilingSubmissionV1 } from '@hn/messages';
import { creditCodeCheckChar, residentIdCheckDigit } from '@hn/numbering';

export const PRESALE = '430223202406200101-Y01';

/** A GB 11643-valid resident ID number with the given 17 first digits. */
export function residentId(first17 = '43022319900101123'): string {
  return first17 + residentIdCheckDigit(first17);
}

/** A GB 32100-valid credit code with the given 17 first characters. */
export function creditCode(first17 = '91430223MA4Q0ABC1'): string {
  return first17 + creditCodeCheckChar(first17)!;
}

export const BUYER_ID = residentId();
export const BUYER_PHONE = '13812345678';

export function submission(overrides: Partial<ContractFilingSubmissionV1> = {}): ContractFilingSubmissionV1 {
  return {
    presaleNumber: PRESALE,
    building: '22#',
    rooms: [{ roomNumber: '1-101', floor: 1, floorArea: 89.5 }],
    address: '攸县联星街道锦绣星城三期22#栋1-101',
    buyers: [
      { type: 'PERSON', name: '张三', idType: 'RESIDENT_ID', idNumber: BUYER_ID, phone: BUYER_PHONE },
      { type: 'ORGANIZATION', name: '攸县某某投资有限公司', creditCode: creditCode() },
    ],
    contractAmount: 123_456_700,
    payment: { method: 'COMBINED', downPayment: 43_456_700, commercialLoan: 50_000_000, providentFundLoan: 30_000_000 },
    filingDate: '2024-09-02',
    document: { sha256: 'a'.repeat(64), fileName: '商品房买卖合同.pdf' },
    ...overrides,
  };
}
