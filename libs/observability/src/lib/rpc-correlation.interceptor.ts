import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { Headers } from '@hn/messages';
import { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { acceptOrCreateCorrelationId, runWithCorrelation } from './correlation';
import { MetricsService, outcomeOfStatus, RequestOutcome } from './metrics.service';

/** The requests already being observed: a handler that still names the interceptor itself is not counted twice. */
const observed = new WeakSet<object>();

/**
 * Takes the correlation id from the NATS header so a service's logs join the gateway's. Applied to
 * every RPC handler by createServiceApp (@hn/service-kit); running it once more on a controller is harmless.
 */
@Injectable()
export class RpcCorrelationInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Rpc');

  constructor(private readonly metrics: MetricsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rpc = context.switchToRpc();
    const natsContext = rpc.getContext<NatsContext>();
    if (natsContext && typeof natsContext === 'object') {
      if (observed.has(natsContext)) return next.handle();
      observed.add(natsContext);
    }
    const subject = natsContext?.getSubject?.() ?? 'unknown';
    const header = natsContext?.getHeaders?.()?.get(Headers.correlationId);
    const correlationId = acceptOrCreateCorrelationId(header);
    const started = process.hrtime.bigint();
    const done = (outcome: RequestOutcome): void => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      this.metrics.observeRpc(subject, outcome, ms / 1000);
      // one line per request, carrying the gateway's correlation id (pino mixin)
      this.logger.log({ subject, outcome, ms }, 'rpc handled');
    };
    return new Observable((subscriber) =>
      runWithCorrelation(correlationId, () =>
        next.handle().subscribe({
          next: (v) => subscriber.next(v),
          error: (e) => {
            done(outcomeOfError(e));
            subscriber.error(e);
          },
          complete: () => {
            done('ok');
            subscriber.complete();
          },
        }),
      ),
    );
  }
}

/** A DomainException (or a problem it already became) is a business answer; anything else a failure. */
function outcomeOfError(error: unknown): RequestOutcome {
  const problem = (error as { problem?: { status?: unknown } } | null)?.problem ?? error;
  const status = (problem as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? outcomeOfStatus(status) : 'failed';
}
