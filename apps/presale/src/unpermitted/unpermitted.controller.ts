import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PresaleBackfillRpc, RpcRequest, UnpermittedPresaleListRequestV1, UnpermittedPresalePageV1, UnpermittedPresaleProjectV1, UnpermittedPresaleRegisterRequestV1 } from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { RpcCorrelationInterceptor } from '@hn/observability';
import { UnpermittedPresaleService } from './unpermitted.service';

/** NATS request/reply handlers of 已办预售未办施工许可 (staff principals only). */
@Controller()
@UseFilters(RpcProblemFilter)
@UseInterceptors(RpcCorrelationInterceptor)
export class UnpermittedPresaleController {
  constructor(private readonly unpermitted: UnpermittedPresaleService) {}

  @MessagePattern(PresaleBackfillRpc.unpermittedRegister)
  register(@Payload() req: RpcRequest<UnpermittedPresaleRegisterRequestV1>): Promise<UnpermittedPresaleProjectV1> {
    return this.unpermitted.register(req?.principal, req?.body);
  }

  @MessagePattern(PresaleBackfillRpc.unpermittedList)
  list(@Payload() req: RpcRequest<UnpermittedPresaleListRequestV1>): Promise<UnpermittedPresalePageV1> {
    return this.unpermitted.list(req?.principal, req?.body);
  }
}
