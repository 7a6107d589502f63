import { ErrorCode, FieldError } from '../problem';
import { publicSearchProblemDetail } from '../public-search.message';
import { reasonSentence } from './number-constraints';

/** The problem (without its title) a payload refused by its message class is answered with. */
export interface PayloadProblem {
  status: number;
  code: ErrorCode | string;
  detail: string;
  /** the errors reported, when not the whole field list (e.g. only the refused path id, see pathIdFirst) */
  errors?: readonly FieldError[];
}

/** How a contract answers a payload its message class refuses: the field list goes into the problem's `errors`. */
export type InvalidPayload = (errors: readonly FieldError[]) => PayloadProblem;

function validationFailed(): PayloadProblem {
  return { status: 400, code: ErrorCode.VALIDATION_FAILED, detail: '请求参数校验失败 (request validation failed)' };
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
  /** An action on an alert (alertId from the gateway's path): a refused alertId as the path pipe answers, else 422. */
  alertAction: (errors): PayloadProblem =>
    pathIdFirst(['alertId'], InvalidPayloads.validation, InvalidPayloads.incomplete)(errors),
  /** A decision on an acceptance backfill (backfillId from the path): a refused backfillId as the path pipe answers, else 422. */
  backfillAction: (errors): PayloadProblem =>
    pathIdFirst(['backfillId'], InvalidPayloads.validation, InvalidPayloads.incomplete)(errors),
  /** A decision on an assessment appeal (appealId from the path): a refused appealId as the path pipe answers, else 422. */
  appealAction: (errors): PayloadProblem =>
    pathIdFirst(['appealId'], InvalidPayloads.validation, InvalidPayloads.incomplete)(errors),
  /**
   * An exchange request on a subscriber (subscriberId, eventId from the path): a refused id as the path
   * pipe answers (404 NOT_FOUND naming the parameter), else 422 INCOMPLETE_SUBMISSION.
   */
  exchangeAction: (errors): PayloadProblem =>
    pathIdFirst(
      ['subscriberId', 'eventId'],
      (refused) => ({
        status: 404,
        code: ErrorCode.NOT_FOUND,
        detail: `${refused[0]?.field ?? 'id'} 不是有效的 id (not an id)`,
      }),
      InvalidPayloads.incomplete,
    )(errors),
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
  permitNumber: (errors) => {
    const number = errors.find((e) => e.field === 'permitNumber');
    if (!number) return validationFailed();
    return {
      status: 400,
      code: ErrorCode.INVALID_PERMIT_NUMBER,
      detail: `施工许可证编号无效：${reasonSentence(number.reason)}`,
    };
  },
} satisfies Record<string, InvalidPayload>;

/**
 * The problem of a contract whose body carries ids the gateway takes from the request path beside the
 * fields of the HTTP body: the gateway's path pipes refuse a bad id before the body is read, so a body
 * whose id is refused is answered as that pipe answers (`onId`), naming only the first refused id of
 * `ids` (in path order); any other refusal with `otherwise` and the whole field list.
 */
export function pathIdFirst(ids: readonly string[], onId: InvalidPayload, otherwise: InvalidPayload): InvalidPayload {
  return (errors) => {
    for (const id of ids) {
      const refused = errors.filter((e) => e.field === id);
      if (refused.length > 0) return { ...onId(refused), errors: refused };
    }
    return otherwise(errors);
  };
}
