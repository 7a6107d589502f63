import { ArgumentsHost, NotFoundException } from '@nestjs/common';
import { ErrorCode } from '@hn/messages';
import { DomainException } from '@hn/errors';
import { firstValueFrom, Observable } from 'rxjs';
import { ServiceExceptionFilter } from './service-exception.filter';

const host = (type: string): ArgumentsHost => ({ getType: () => type }) as unknown as ArgumentsHost;

describe(ServiceExceptionFilter.name, () => {
  it('answers an RPC handler error with its problem', async () => {
    const filter = new ServiceExceptionFilter();
    const reply = filter.catch(
      new DomainException(404, ErrorCode.NOT_FOUND, '未找到 (not found)'),
      host('rpc'),
    ) as Observable<never>;
    await expect(firstValueFrom(reply)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('leaves HTTP errors to Nest (the base filter answers the HTTP request)', () => {
    const filter = new ServiceExceptionFilter();
    const base = jest
      .spyOn(Object.getPrototypeOf(ServiceExceptionFilter.prototype) as { catch: () => void }, 'catch')
      .mockImplementation(() => undefined);
    const error = new NotFoundException();
    filter.catch(error, host('http'));
    expect(base).toHaveBeenCalledWith(error, expect.anything());
    base.mockRestore();
  });
});
