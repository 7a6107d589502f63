import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Rpc, RpcPayload, StatisticsDigestGenerateResultV1, StatisticsDigestPageV1 } from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { DigestService } from './digest.service';

/** NATS request/reply handlers of the statistics digests (queue group "alerts"). */
@Controller()
export class DigestController {
  constructor(private readonly digests: DigestService) {}

  @RpcHandler(Rpc.statisticsDigestList)
  list(@Payload() req: RpcPayload<typeof Rpc.statisticsDigestList>): Promise<StatisticsDigestPageV1> {
    return this.digests.list(req.principal, req.body);
  }

  @RpcHandler(Rpc.statisticsDigestGenerate)
  generate(@Payload() req: RpcPayload<typeof Rpc.statisticsDigestGenerate>): Promise<StatisticsDigestGenerateResultV1> {
    return this.digests.generateFor(req.principal, req.body);
  }
}
