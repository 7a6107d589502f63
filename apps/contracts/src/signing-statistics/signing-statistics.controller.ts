import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ContractsStatisticsRpc,
  RpcRequest,
  SigningStatisticListRequestV1,
  SigningStatisticPageV1,
  SigningStatisticPutRequestV1,
  SigningStatisticPutResultV1,
  SigningStatisticSubmitRequestV1,
  SigningStatisticSubmitResultV1,
  SigningStatisticWithdrawRequestV1,
  SigningStatisticWithdrawResultV1,
} from '@hn/contracts';
import { RpcProblemFilter } from '@hn/errors';
import { RpcCorrelationInterceptor } from '@hn/observability';
import { SigningStatisticsQueryService } from './signing-statistics-query.service';
import { SigningStatisticsService } from './signing-statistics.service';

/** NATS request/reply handlers of 网签统计补录 (staff only; queue group "contracts"). */
@Controller()
@UseFilters(RpcProblemFilter)
@UseInterceptors(RpcCorrelationInterceptor)
export class SigningStatisticsController {
  constructor(
    private readonly statistics: SigningStatisticsService,
    private readonly queries: SigningStatisticsQueryService,
  ) {}

  @MessagePattern(ContractsStatisticsRpc.put)
  put(@Payload() req: RpcRequest<SigningStatisticPutRequestV1>): Promise<SigningStatisticPutResultV1> {
    return this.statistics.put(req.principal, req.body);
  }

  @MessagePattern(ContractsStatisticsRpc.list)
  list(@Payload() req: RpcRequest<SigningStatisticListRequestV1>): Promise<SigningStatisticPageV1> {
    return this.queries.list(req.principal, req.body);
  }

  @MessagePattern(ContractsStatisticsRpc.withdraw)
  withdraw(@Payload() req: RpcRequest<SigningStatisticWithdrawRequestV1>): Promise<SigningStatisticWithdrawResultV1> {
    return this.statistics.withdraw(req.principal, req.body);
  }

  @MessagePattern(ContractsStatisticsRpc.submit)
  submit(@Payload() req: RpcRequest<SigningStatisticSubmitRequestV1>): Promise<SigningStatisticSubmitResultV1> {
    return this.statistics.submit(req.principal, req.body);
  }
}
