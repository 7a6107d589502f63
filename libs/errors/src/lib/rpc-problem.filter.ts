import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { ErrorCode, RpcProblem } from '@hn/messages';
import { throwError, Observable } from 'rxjs';
import { DomainException, isRpcProblem, titleFor } from './domain.exception';
import { infrastructureProblem } from './infrastructure-problem';

/**
 * The one place where a service's errors become RPC replies: DomainException keeps its problem,
 * anything else is logged and answered as a generic INTERNAL problem (no stack to the caller).
 */
@Catch()
export class RpcProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger(RpcProblemFilter.name);

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => this.toProblem(exception));
  }

  toProblem(exception: unknown): RpcProblem {
    if (exception instanceof DomainException) return exception.problem;
    if (isRpcProblem(exception)) return exception;
    const infrastructure = infrastructureProblem(exception);
    if (infrastructure) {
      this.logger.warn({ err: exception, code: infrastructure.code }, 'infrastructure error in RPC handler');
      return infrastructure;
    }
    this.logger.error({ err: exception }, 'unhandled error in RPC handler');
    return {
      status: 500,
      code: ErrorCode.INTERNAL,
      title: titleFor(500),
      detail: '服务内部错误，请稍后重试 (internal error, please retry later)',
    };
  }
}
