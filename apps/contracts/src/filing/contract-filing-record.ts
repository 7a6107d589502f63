import {
  ContractBuyerV1,
  ContractFilingSubmissionV1,
  ContractFilingV1,
  ContractScopes,
  normalizeIdNumber,
  Principal,
} from '@hn/messages';
import { maskBuyers } from '../pii/pii-masking';

/** A filing before its number is assigned (the filing statement adds contractNumber and serial). */
export type FilingDraft = Omit<ContractFilingV1, 'contractNumber' | 'serial'>;

/** The submission's part of a draft (region and project come from the presale replica). */
export type SubmittedFiling = Omit<FilingDraft, 'regionCode' | 'projectCode'>;

/** The validated submission as it is recorded: trimmed, normalised, loans explicit. Buyers in clear. */
export function buildFilingDraft(args: {
  sandbox: boolean;
  filedAt: string;
  submission: ContractFilingSubmissionV1;
}): SubmittedFiling {
  const s = args.submission;
  return {
    presaleNumber: s.presaleNumber,
    sandbox: args.sandbox,
    status: 'ACTIVE',
    building: s.building.trim(),
    rooms: s.rooms.map((r) => ({ roomNumber: r.roomNumber.trim(), floor: r.floor, floorArea: r.floorArea })),
    address: s.address.trim(),
    buyers: s.buyers.map(normalizeBuyer),
    contractAmount: s.contractAmount,
    payment: {
      method: s.payment.method,
      downPayment: s.payment.downPayment,
      commercialLoan: s.payment.commercialLoan ?? 0,
      providentFundLoan: s.payment.providentFundLoan ?? 0,
    },
    filingDate: s.filingDate,
    document: { sha256: s.document.sha256.toLowerCase(), fileName: s.document.fileName.trim() },
    filedAt: args.filedAt,
    cancellation: null,
    piiMasked: false,
  };
}

function normalizeBuyer(b: ContractBuyerV1): ContractBuyerV1 {
  if (b.type === 'PERSON')
    return {
      type: 'PERSON',
      name: b.name.trim(),
      idType: b.idType,
      idNumber: normalizeIdNumber(b.idNumber),
      phone: b.phone,
    };
  return { type: 'ORGANIZATION', name: b.name.trim(), creditCode: b.creditCode };
}

/** What is stored, published and answered by default: ID and phone numbers masked. */
export function maskFiling<T extends FilingDraft>(filing: T): T {
  return { ...filing, buyers: maskBuyers(filing.buyers), piiMasked: true };
}

/** Only callers with scope pii:read see buyers' ID and phone numbers in clear. */
export function canReadPii(principal: Principal): boolean {
  return Array.isArray(principal?.scopes) && principal.scopes.includes(ContractScopes.piiRead);
}

/** The stored (masked) filing as a given caller sees it: clear buyers substituted when allowed. */
export function revealFiling(masked: ContractFilingV1, clearBuyers: ContractBuyerV1[] | null): ContractFilingV1 {
  return clearBuyers ? { ...masked, buyers: clearBuyers, piiMasked: false } : masked;
}
