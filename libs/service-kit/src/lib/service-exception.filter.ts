import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { RpcProblemFilter } from '@hn/errors';

/**
 * The global exception filter of a service (createServiceApp): an RPC handler's error becomes its
 * RFC 9457 problem reply through RpcProblemFilter; HTTP (/health, /metrics) keeps Nest's own
 * handling (terminus' 503 body and the like), since an RPC reply cannot answer an HTTP request.
 */
@Catch()
export class ServiceExceptionFilter extends BaseExceptionFilter {
  private readonly rpc = new RpcProblemFilter();

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() === 'rpc') return this.rpc.catch(exception, host);
    return super.catch(exception, host);
  }
}
