import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Headers } from '@hn/contracts';
import { NatsContext } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { acceptOrCreateCorrelationId, runWithCorrelation } from './correlation';
import { MetricsService } from './metrics.service';

/** Takes the correlation id from the NATS header so a service's logs join the gateway's. */
@Injectable()
export class RpcCorrelationInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rpc = context.switchToRpc();
    const natsContext = rpc.getContext<NatsContext>();
    const subject = natsContext?.getSubject?.() ?? 'unknown';
    const header = natsContext?.getHeaders?.()?.get(Headers.correlationId);
    const correlationId = acceptOrCreateCorrelationId(header);
    return new Observable((subscriber) =>
      runWithCorrelation(correlationId, () =>
        next.handle().subscribe({
          next: (v) => subscriber.next(v),
          error: (e) => {
            this.metrics.rpcRequests.inc({ subject, outcome: 'error' });
            subscriber.error(e);
          },
          complete: () => {
            this.metrics.rpcRequests.inc({ subject, outcome: 'ok' });
            subscriber.complete();
          },
        }),
      ),
    );
  }
}
