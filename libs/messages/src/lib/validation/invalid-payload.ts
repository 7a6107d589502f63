import { ErrorCode, FieldError } from '../problem';
import { publicSearchProblemDetail } from '../public-search.message';
import { PERMIT_UPSERT_INVALID_DETAIL } from '../permit-upsert.message';
import { proofRequestProblem } from '../public-verification.message';
import { reasonSentence } from './number-constraints';
import { invalidPresaleNumberDetail } from './presale-number-constraints';

/** The problem (without its title) a payload refused by its message class is answered with. */
export interface PayloadProblem {
  status: number;
  code: ErrorCode | string;
  detail: string;
  /** the field errors reported, when not all of them (a field checked first alone, see {@link checkedFirst}) */
  errors?: readonly FieldError[];
}

/**
 * How a contract answers a payload its message class refuses: the field list goes into the problem's
 * `errors`; `body` is the refused payload (for a detail naming the value, e.g. a path number).
 */
export type InvalidPayload = (errors: readonly FieldError[], body?: unknown) => PayloadProblem;

/** The value of one field of a refused payload, as text (a detail names it). */
function fieldText(body: unknown, field: string): string {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  return String(value ?? '');
}

/**
 * A field the gateway checks before the rest of the request (a path parameter, a header): when the
 * class refuses it, only its errors are reported, answered by `first`; otherwise every error, by `rest`.
 * So a body sent straight over NATS gets the answer the gateway's first check gives.
 */
export function checkedFirst(field: string, first: InvalidPayload, rest: InvalidPayload): InvalidPayload {
  return (errors, body) => {
    const own = errors.filter((e) => e.field === field);
    return own.length > 0 ? { ...first(own, body), errors: own } : rest(errors, body);
  };
}

function incomplete(errors: readonly FieldError[]): PayloadProblem {
  return {
    status: 422,
    code: ErrorCode.INCOMPLETE_SUBMISSION,
    detail: `提交内容不完整或有误，共 ${errors.length} 处，请逐项补正 (incomplete or invalid submission: ${errors.length} field(s))`,
  };
}

/** 404 NOT_FOUND of an exchange id of the path that is not an id, naming the parameter. */
function notAnId(errors: readonly FieldError[]): PayloadProblem {
  return { status: 404, code: ErrorCode.NOT_FOUND, detail: `${errors[0]?.field ?? 'id'} 不是有效的 id (not an id)` };
}

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
  incomplete,
  /** 400 VALIDATION_FAILED: the gateway's global ValidationPipe answer. */
  validation: () => validationFailed(),
  /** 422 INVALID_FILTER: a list's query (filters, page, sort). */
  filter: (errors) => ({
    status: 422,
    code: ErrorCode.INVALID_FILTER,
    detail: `查询条件无效，共 ${errors.length} 处 (invalid filter: ${errors.length} field(s))`,
  }),
  /** An action on an alert (alertId from the gateway's path): a refused alertId alone as the path pipe answers (400), else 422. */
  alertAction: checkedFirst('alertId', validationFailed, incomplete),
  /** A decision on an acceptance backfill: a refused backfillId alone as the path pipe answers (400), else 422. */
  backfillAction: checkedFirst('backfillId', validationFailed, incomplete),
  /** A decision on an assessment appeal: a refused appealId alone as the path pipe answers (400), else 422. */
  appealAction: checkedFirst('appealId', validationFailed, incomplete),
  /** An evidence scan of an appeal: both fields come from the gateway's path, so either refused is 400 as its pipe answers. */
  appealScan: checkedFirst('appealId', validationFailed, validationFailed),
  /**
   * An exchange request on a subscriber (subscriberId, then eventId, from the path): a refused id alone as
   * the gateway's path pipes answer (404 NOT_FOUND naming the parameter), else 422 INCOMPLETE_SUBMISSION.
   */
  exchangeAction: checkedFirst('subscriberId', notAnId, checkedFirst('eventId', notAnId, incomplete)),
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
   * 400 INVALID_CONTRACT_NUMBER naming the path's contract number alone (the gateway's path pipe runs
   * before its body pipe); without a number problem, 422 INCOMPLETE_SUBMISSION for a body (cancel) or
   * 400 VALIDATION_FAILED for a read's extra fields.
   */
  contractNumber: checkedFirst(
    'contractNumber',
    numberProblem(ErrorCode.INVALID_CONTRACT_NUMBER, '合同备案编号'),
    validationFailed,
  ),
  contractNumberThenBody: checkedFirst(
    'contractNumber',
    numberProblem(ErrorCode.INVALID_CONTRACT_NUMBER, '合同备案编号'),
    incomplete,
  ),
  /** 400 VALIDATION_FAILED naming the path's difference id alone, else 422 INCOMPLETE_SUBMISSION for the body. */
  differenceIdThenBody: checkedFirst('differenceId', validationFailed, incomplete),
  /** 400 INVALID_PRESALE_NUMBER: a presale number the gateway takes from the path (its detail names the value). */
  presaleNumber: (_errors, body) => ({
    status: 400,
    code: ErrorCode.INVALID_PRESALE_NUMBER,
    detail: invalidPresaleNumberDetail(fieldText(body, 'presaleNumber')),
  }),
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

/** The problem of a refused path number: its code, the numbering lib's sentence in the detail. */
function numberProblem(code: ErrorCode, what: string): InvalidPayload {
  return (errors) => ({
    status: 400,
    code,
    detail: `${what}无效：${reasonSentence(errors[0]?.reason ?? '')}`,
  });
}
