import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Rpc, RpcPayload, UnpermittedPresalePageV1, UnpermittedPresaleProjectV1 } from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { UnpermittedPresaleService } from './unpermitted.service';

/** NATS request/reply handlers of 已办预售未办施工许可 (staff principals only). */
@Controller()
export class UnpermittedPresaleController {
  constructor(private readonly unpermitted: UnpermittedPresaleService) {}

  @RpcHandler(Rpc.unpermittedRegister)
  register(@Payload() req: RpcPayload<typeof Rpc.unpermittedRegister>): Promise<UnpermittedPresaleProjectV1> {
    return this.unpermitted.register(req?.principal, req?.body);
  }

  @RpcHandler(Rpc.unpermittedList)
  list(@Payload() req: RpcPayload<typeof Rpc.unpermittedList>): Promise<UnpermittedPresalePageV1> {
    return this.unpermitted.list(req?.principal, req?.body);
  }
}
