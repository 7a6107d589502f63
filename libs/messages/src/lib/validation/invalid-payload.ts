import { ErrorCode, FieldError } from '../problem';
import { publicSearchProblemDetail } from '../public-search.message';
import { PERMIT_UPSERT_INVALID_DETAIL } from '../permit-upsert.message';
import { proofRequestProblem } from '../public-verification.message';
import { reasonSentence, shownNumber } from './number-constraints';

/** The problem (without its title) a payload refused by its message class is answered with. */
export interface PayloadProblem {
  status: number;
  code: ErrorCode | string;
  detail: string;
}

/**
 * How a contract answers a payload its message class refuses: the field list goes into the problem's
 * `errors`; `body` is the refused body as received (a detail naming the refused number).
 */
export type InvalidPayload = (errors: readonly FieldError[], body?: unknown) => PayloadProblem;

function validationFailed(): PayloadProblem {
  return { status: 400, code: ErrorCode.VALIDATION_FAILED, detail: '请求参数校验失败 (request validation failed)' };
}

function invalidPermitNumber(errors: readonly FieldError[]): PayloadProblem {
  const number = errors.find((e) => e.field === 'permitNumber');
  if (!number) return validationFailed();
  return {
    status: 400,
    code: ErrorCode.INVALID_PERMIT_NUMBER,
    detail: `施工许可证编号无效：${reasonSentence(number.reason)}`,
  };
}

/**
 * The problems for a refused payload, written once: the gateway's pipes and the services' `@RpcHandler`
 * (through the Rpc map entry) answer the same code and wording for the same body.
 */
export const InvalidPayloads = {
  /** 422 INCOMPLETE_SUBMISSION: a submission or command body (the default). */
  incomplete: (errors) => ({
    status: 422,
    code: ErrorCode.INCOMPLETE_SUBMISSION,
    detail: `提交内容不完整或有误，共 ${errors.length} 处，请逐项补正 (incomplete or invalid submission: ${errors.length} field(s))`,
  }),
  /** 400 VALIDATION_FAILED: the gateway's global ValidationPipe answer. */
  validation: () => validationFailed(),
  /** 422 INVALID_FILTER: a list's query (filters, page, sort). */
  filter: (errors) => ({
    status: 422,
    code: ErrorCode.INVALID_FILTER,
    detail: `查询条件无效，共 ${errors.length} 处 (invalid filter: ${errors.length} field(s))`,
  }),
  /** 422 INVALID_FILTER of the statistics routes. */
  statisticsQuery: (errors) => ({
    status: 422,
    code: ErrorCode.INVALID_FILTER,
    detail: `统计查询条件无效，共 ${errors.length} 处 (invalid statistics query: ${errors.length} field(s))`,
  }),
  /** 422 INVALID_FILTER of a consistency recount request (service to service). */
  recount: (errors) => ({
    status: 422,
    code: ErrorCode.INVALID_FILTER,
    detail: `核对查询条件无效，共 ${errors.length} 处 (invalid recount request: ${errors.length} field(s))`,
  }),
  /** 400 VALIDATION_FAILED of the public search, its detail listing the reasons. */
  publicSearch: (errors) => ({
    status: 400,
    code: ErrorCode.VALIDATION_FAILED,
    detail: publicSearchProblemDetail(errors),
  }),
  /**
   * 400 INVALID_PERMIT_NUMBER of a read by permit number, the numbering lib's sentence in the detail (the
   * gateway's path pipe and the permits service alike); a body refused for other fields only (over NATS)
   * is 400 VALIDATION_FAILED.
   */
  permitNumber: (errors) => invalidPermitNumber(errors),
  /**
   * 400 INVALID_PRESALE_NUMBER of a read by presale number, the detail naming the refused number (the
   * gateway's path pipe and the presale service alike); other fields only (over NATS) 400 VALIDATION_FAILED.
   */
  presaleNumber: (errors, body) => {
    if (!errors.some((e) => e.field === 'presaleNumber')) return validationFailed();
    const value = (body as { presaleNumber?: unknown } | null | undefined)?.presaleNumber;
    return {
      status: 400,
      code: ErrorCode.INVALID_PRESALE_NUMBER,
      detail: `预售许可证编号无效：${shownNumber(value)} (invalid presale permit number)`,
    };
  },
  /**
   * A transparency-log proof request: 400 INVALID_PROOF_REQUEST when the sizes are integers out of
   * order (index ≥ treeSize, first < 1 or > second), 400 VALIDATION_FAILED for anything else.
   */
  proofRequest: (errors) => proofRequestProblem(errors) ?? validationFailed(),
  /**
   * A permit upsert: its number refused as a read's (400 INVALID_PERMIT_NUMBER), else 400 VALIDATION_FAILED
   * in the one wording of a refused permit (PERMIT_UPSERT_INVALID_DETAIL).
   */
  permitUpsert: (errors) =>
    errors.some((e) => e.field === 'permitNumber')
      ? invalidPermitNumber(errors)
      : { status: 400, code: ErrorCode.VALIDATION_FAILED, detail: PERMIT_UPSERT_INVALID_DETAIL },
} satisfies Record<string, InvalidPayload>;
