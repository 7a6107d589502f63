import {
  buyerItemErrors,
  buyerTypeReason,
  contractAmountReason,
  creditCodeReason,
  fenReason,
  fileNameReason,
  filingDateReason,
  floorAreaReason,
  floorReason,
  idNumberReason,
  idTypeReason,
  isPlainObject,
  listReason,
  loanReason,
  MAX_BUYERS,
  MAX_ROOMS,
  paymentMethodReason,
  paymentTotalReason,
  phoneReason,
  presaleNumberReason,
  REQUIRED,
  roomItemErrors,
  sha256Reason,
  textReason,
} from './contract-filing-rules';
import { FieldError } from './problem';

export const ROOMS_LIST_LABEL = {
  min: '至少一个房号 (at least one room)',
  max: `一份合同最多 ${MAX_ROOMS} 个房号 (at most ${MAX_ROOMS} rooms)`,
};
export const BUYERS_LIST_LABEL = {
  min: '至少一个买受人 (at least one buyer)',
  max: `买受人最多 ${MAX_BUYERS} 个 (at most ${MAX_BUYERS} buyers)`,
};
export const BODY_NOT_AN_OBJECT: FieldError = {
  field: 'body',
  reason: '请求体须为 JSON 对象 (body must be a JSON object)',
};

/** A field of the other kind of buyer: reported when present, so nothing is silently dropped. */
export function notForBuyerType(value: unknown, type: unknown): string | null {
  return value === undefined || value === null
    ? null
    : `${type === 'PERSON' ? '自然人' : '单位'}买受人不应有该字段 (not a field of a ${String(type)} buyer)`;
}

export function objectReason(value: unknown): string | null {
  if (value === undefined || value === null) return REQUIRED;
  return isPlainObject(value) ? null : '须为对象 (must be an object)';
}

export interface FilingValidationContext {
  /** YYYY-MM-DD in China Standard Time */
  today: string;
  /** first filing date that gets a unified number (configuration of the caller) */
  cutoverDate: string;
}

/**
 * Every rule of a contract filing that needs only the payload (and today's date and the configured
 * cut-over), all problems at once with their paths (rooms[0].floorArea, buyers[1].idNumber, …):
 * the same reason functions, in the same order, as the gateway's DTO applies, so a filing sent
 * straight over NATS is refused with the same field list and wording as through the gateway.
 */
export function validateContractFilingSubmission(s: unknown, ctx: FilingValidationContext): FieldError[] {
  if (!isPlainObject(s)) return [BODY_NOT_AN_OBJECT];
  const errors: FieldError[] = [];
  const check = (field: string, reason: string | null): void => {
    if (reason) errors.push({ field, reason });
  };
  check('presaleNumber', presaleNumberReason(s['presaleNumber']));
  check('building', textReason(s['building'], 50));
  const rooms = s['rooms'];
  const roomsReason = listReason(rooms, ROOMS_LIST_LABEL, MAX_ROOMS);
  if (roomsReason) check('rooms', roomsReason);
  else {
    const itemErrors = roomItemErrors(rooms, 'rooms');
    (rooms as unknown[]).forEach((room, i) => {
      if (!isPlainObject(room)) return;
      check(`rooms[${i}].roomNumber`, textReason(room['roomNumber'], 50));
      check(`rooms[${i}].floor`, floorReason(room['floor']));
      check(`rooms[${i}].floorArea`, floorAreaReason(room['floorArea']));
    });
    errors.push(...itemErrors);
  }
  check('address', textReason(s['address'], 300));
  const buyers = s['buyers'];
  const buyersReason = listReason(buyers, BUYERS_LIST_LABEL, MAX_BUYERS);
  if (buyersReason) check('buyers', buyersReason);
  else {
    (buyers as unknown[]).forEach((buyer, i) => {
      if (!isPlainObject(buyer)) return;
      const at = `buyers[${i}]`;
      const type = buyer['type'];
      const person = type === 'PERSON';
      const organization = type === 'ORGANIZATION';
      check(`${at}.type`, buyerTypeReason(type));
      check(
        `${at}.name`,
        person ? textReason(buyer['name'], 100) : organization ? textReason(buyer['name'], 200) : null,
      );
      check(
        `${at}.idType`,
        person ? idTypeReason(buyer['idType']) : organization ? notForBuyerType(buyer['idType'], type) : null,
      );
      check(
        `${at}.idNumber`,
        person
          ? idNumberReason(buyer['idNumber'], buyer['idType'], ctx.today)
          : organization
            ? notForBuyerType(buyer['idNumber'], type)
            : null,
      );
      check(
        `${at}.phone`,
        person ? phoneReason(buyer['phone']) : organization ? notForBuyerType(buyer['phone'], type) : null,
      );
      check(
        `${at}.creditCode`,
        organization
          ? creditCodeReason(buyer['creditCode'])
          : person
            ? notForBuyerType(buyer['creditCode'], type)
            : null,
      );
    });
    errors.push(...buyerItemErrors(buyers, 'buyers'));
  }
  check('contractAmount', contractAmountReason(s['contractAmount']));
  errors.push(...validatePayment(s['payment'], s['contractAmount']));
  check('filingDate', filingDateReason(s['filingDate'], ctx));
  const document = s['document'];
  check('document', objectReason(document));
  if (isPlainObject(document)) {
    check('document.sha256', sha256Reason(document['sha256']));
    check('document.fileName', fileNameReason(document['fileName']));
  }
  return errors;
}

/**
 * 付款方式: every part a non-negative integer in fen, the loans matching the method (FULL none,
 * COMMERCIAL_LOAN / PROVIDENT_FUND_LOAN exactly that one, COMBINED both; absent loans count as 0),
 * and the parts adding up to the contract amount when that is well-formed.
 */
export function validatePayment(payment: unknown, contractAmount: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const check = (field: string, reason: string | null): void => {
    if (reason) errors.push({ field, reason });
  };
  check('payment', paymentTotalReason(payment, contractAmount));
  if (isPlainObject(payment)) {
    check('payment.method', paymentMethodReason(payment['method']));
    check('payment.downPayment', fenReason(payment['downPayment'], false));
    check('payment.commercialLoan', loanReason('commercialLoan', payment['commercialLoan'], payment['method']));
    check(
      'payment.providentFundLoan',
      loanReason('providentFundLoan', payment['providentFundLoan'], payment['method']),
    );
  }
  return errors;
}
