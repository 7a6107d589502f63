import { ContractPaymentV1, FieldError, PAYMENT_METHODS } from '@hn/contracts';

/** Upper bound of a contract amount: 100 亿元 in fen. */
export const MAX_AMOUNT_FEN = 1_000_000_000_000;

const isFen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_AMOUNT_FEN;

/**
 * 付款方式: every part is a non-negative integer in fen, the parts add up to the contract amount,
 * and the loans match the method (FULL none, COMMERCIAL_LOAN / PROVIDENT_FUND_LOAN exactly that
 * one, COMBINED both). Absent loans count as 0.
 */
export function validatePayment(payment: ContractPaymentV1, contractAmount: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, reason: string): void => void errors.push({ field, reason });
  if (typeof payment !== 'object' || payment === null || Array.isArray(payment)) return [{ field: 'payment', reason: '付款信息必填 (required)' }];
  const method = payment.method;
  const methodOk = PAYMENT_METHODS.includes(method);
  if (!methodOk) add('payment.method', `付款方式须为 ${PAYMENT_METHODS.join('/')} (payment method)`);
  const parts: Record<'downPayment' | 'commercialLoan' | 'providentFundLoan', number | null> = { downPayment: null, commercialLoan: null, providentFundLoan: null };
  for (const name of ['downPayment', 'commercialLoan', 'providentFundLoan'] as const) {
    const value: unknown = payment[name];
    if (name !== 'downPayment' && (value === undefined || value === null)) parts[name] = 0;
    else if (isFen(value)) parts[name] = value;
    else add(`payment.${name}`, '金额须为非负整数，单位为分 (non-negative integer, fen)');
  }
  const { downPayment, commercialLoan, providentFundLoan } = parts;
  if (downPayment === null || commercialLoan === null || providentFundLoan === null) return errors;
  if (methodOk) {
    const needCommercial = method === 'COMMERCIAL_LOAN' || method === 'COMBINED';
    const needProvident = method === 'PROVIDENT_FUND_LOAN' || method === 'COMBINED';
    if (needCommercial && commercialLoan === 0) add('payment.commercialLoan', `付款方式 ${method} 须有商业贷款金额 (required for ${method})`);
    if (!needCommercial && commercialLoan !== 0) add('payment.commercialLoan', `付款方式 ${method} 不应有商业贷款 (must be 0 for ${method})`);
    if (needProvident && providentFundLoan === 0) add('payment.providentFundLoan', `付款方式 ${method} 须有公积金贷款金额 (required for ${method})`);
    if (!needProvident && providentFundLoan !== 0) add('payment.providentFundLoan', `付款方式 ${method} 不应有公积金贷款 (must be 0 for ${method})`);
  }
  if (isFen(contractAmount) && downPayment + commercialLoan + providentFundLoan !== contractAmount) {
    add('payment', `首付款与贷款之和 ${downPayment + commercialLoan + providentFundLoan} 分不等于合同总价 ${contractAmount} 分 (parts must add up to contractAmount)`);
  }
  return errors;
}
