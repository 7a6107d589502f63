import { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { MetricsService } from './metrics.service';
import { RpcCorrelationInterceptor } from './rpc-correlation.interceptor';

const natsContext = { getSubject: () => 'rpc.widgets.get.v1', getHeaders: () => undefined };
const context = {
  getType: () => 'rpc',
  switchToRpc: () => ({ getContext: () => natsContext }),
} as unknown as ExecutionContext;

describe(RpcCorrelationInterceptor.name, () => {
  it('observes a request once even when applied globally and on its controller', async () => {
    const metrics = { observeRpc: jest.fn() } as unknown as MetricsService;
    const global = new RpcCorrelationInterceptor(metrics);
    const onController = new RpcCorrelationInterceptor(metrics);
    const handler: CallHandler = { handle: () => of('answer') };
    const chained: CallHandler = { handle: () => onController.intercept(context, handler) };
    await expect(lastValueFrom(global.intercept(context, chained))).resolves.toBe('answer');
    expect(metrics.observeRpc).toHaveBeenCalledTimes(1);
    expect(metrics.observeRpc).toHaveBeenCalledWith('rpc.widgets.get.v1', 'ok', expect.any(Number));
  });

  it('lets HTTP requests through untouched', async () => {
    const metrics = { observeRpc: jest.fn() } as unknown as MetricsService;
    const http = { getType: () => 'http' } as unknown as ExecutionContext;
    await expect(
      lastValueFrom(new RpcCorrelationInterceptor(metrics).intercept(http, { handle: () => of(1) })),
    ).resolves.toBe(1);
    expect(metrics.observeRpc).not.toHaveBeenCalled();
  });
});
