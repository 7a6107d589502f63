import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@hn/auth';
import { ExchangeEventPageV1, Principal } from '@hn/messages';
import { CorrelationId, CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PullQueryPipe } from './exchange-inputs';
import { ExchangeGatewayService } from './exchange-gateway.service';

/** 数据推送 pull API: the same CloudEvents (ids, data view) as the webhook, for a credential bound to a subscriber. */
@ApiTags('数据推送 Data exchange')
@ApiBearerAuth()
@RequireScopes(Scopes.exchangeRead)
@Controller('api/v1/exchange/events')
export class ExchangeEventsController {
  constructor(private readonly exchange: ExchangeGatewayService) {}

  @Get()
  @ApiOperation({
    summary: '拉取事件 Pull events',
    description:
      '凭据须有 exchange:read 且绑定到订阅方（pullClientId）。从 cursor 之后按到达顺序返回，nextCursor 供下次请求；与推送的事件 id 相同。\n\n' +
      'Needs exchange:read and a credential bound to a subscriber. Events after the cursor in arrival order, with the same ids as the pushed ones; pass nextCursor next time.',
  })
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'string', pattern: '^\\d{1,18}$' } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 } })
  @ApiOkResponse({ type: ExchangeEventPageV1 })
  @ApiProblems(401, 403, 422, 429, 503)
  pull(
    @CurrentPrincipal() principal: Principal,
    @Query(PullQueryPipe) query: { cursor?: string; limit?: number },
    @CorrelationId() cid: string,
  ): Promise<ExchangeEventPageV1> {
    return this.exchange.pull(principal, query, cid);
  }
}
