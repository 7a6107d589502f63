import { ContractBuyerV1 } from '@hn/messages';
import { maskIdNumber, maskPhone } from '@hn/pii';

/** The buyers with ID and phone numbers masked (@hn/pii); organisations are public data and stay as they are. */
export function maskBuyers(buyers: readonly ContractBuyerV1[]): ContractBuyerV1[] {
  return buyers.map((b) =>
    b.type === 'PERSON' ? { ...b, idNumber: maskIdNumber(b.idNumber), phone: maskPhone(b.phone) } : { ...b },
  );
}
