import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  Rpc,
  RpcPayload,
  SigningStatisticPageV1,
  SigningStatisticPutResultV1,
  SigningStatisticSubmitResultV1,
  SigningStatisticWithdrawResultV1,
} from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { SigningStatisticsQueryService } from './signing-statistics-query.service';
import { SigningStatisticsService } from './signing-statistics.service';

/** NATS request/reply handlers of 网签统计补录 (staff only; queue group "contracts"). */
@Controller()
export class SigningStatisticsController {
  constructor(
    private readonly statistics: SigningStatisticsService,
    private readonly queries: SigningStatisticsQueryService,
  ) {}

  @RpcHandler(Rpc.statisticPut)
  put(@Payload() req: RpcPayload<typeof Rpc.statisticPut>): Promise<SigningStatisticPutResultV1> {
    return this.statistics.put(req.principal, req.body);
  }

  @RpcHandler(Rpc.statisticList)
  list(@Payload() req: RpcPayload<typeof Rpc.statisticList>): Promise<SigningStatisticPageV1> {
    return this.queries.list(req.principal, req.body);
  }

  @RpcHandler(Rpc.statisticWithdraw)
  withdraw(@Payload() req: RpcPayload<typeof Rpc.statisticWithdraw>): Promise<SigningStatisticWithdrawResultV1> {
    return this.statistics.withdraw(req.principal, req.body);
  }

  @RpcHandler(Rpc.statisticSubmit)
  submit(@Payload() req: RpcPayload<typeof Rpc.statisticSubmit>): Promise<SigningStatisticSubmitResultV1> {
    return this.statistics.submit(req.principal, req.body);
  }
}
