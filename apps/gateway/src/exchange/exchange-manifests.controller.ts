import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@hn/auth';
import { ExchangeManifestV1, Principal } from '@hn/messages';
import { CorrelationId, CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ManifestQueryPipe } from './exchange-inputs';
import { ExchangeGatewayService } from './exchange-gateway.service';

/** 每日完整性清单 of the caller's own subscriber (a credential bound to it, scope exchange:read). */
@ApiTags('数据推送 Data exchange')
@ApiBearerAuth()
@RequireScopes(Scopes.exchangeRead)
@Controller('api/v1/exchange/manifests')
export class ExchangeManifestsController {
  constructor(private readonly exchange: ExchangeGatewayService) {}

  @Get()
  @ApiOperation({
    summary: '每日完整性清单 Daily completeness manifest',
    description:
      '凭据须有 exchange:read 且绑定到订阅方。返回该订阅方某一中国日期的事件 id（流序号顺序）、计数与 RFC 6962 Merkle 根，以平台 Ed25519 密钥（verificationKeys）签名；用 `npm run exchange:verify` 核对收到的事件。\n\n' +
      'Needs exchange:read and a credential bound to a subscriber: the ids of one China date’s events offered to it, their count and RFC 6962 Merkle root, signed with the platform’s Ed25519 key; check with `npm run exchange:verify`.',
  })
  @ApiQuery({ name: 'date', required: true, schema: { type: 'string', format: 'date', example: '2026-12-04' } })
  @ApiOkResponse({ type: ExchangeManifestV1 })
  @ApiProblems(401, 403, 422, 429, 503)
  manifest(
    @CurrentPrincipal() principal: Principal,
    @Query(ManifestQueryPipe) query: { date: string },
    @CorrelationId() cid: string,
  ): Promise<ExchangeManifestV1> {
    return this.exchange.ownManifest(principal, query.date, cid);
  }
}
