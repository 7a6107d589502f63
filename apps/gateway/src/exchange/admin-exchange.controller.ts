import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  DeliveryPageV1,
  DeliveryV1,
  ExchangeManifestV1,
  Principal,
  REPLAY_BODY_SCHEMA,
  ReplayRangeV1,
  ReplayResultV1,
  RequeueInput,
  SequenceReplayRange,
  SubscriberInput,
  SubscriberInputV1,
  SubscriberPageV1,
  SubscriberPatch,
  SubscriberPatchV1,
  SubscriberV1,
  TimeReplayRange,
} from '@hn/messages';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CorrelationId, CurrentPrincipal, RequireRoles } from '../auth/auth.decorators';
import { ApiAccountProblems } from '../accounts/account-problems.openapi';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { Audited } from '../supervision/supervision-gateway.service';
import {
  AdminManifestQueryPipe,
  DeliveriesQueryPipe,
  EventIdPipe,
  ReplayInputPipe,
  RequeueInputPipe,
  SubscriberIdPipe,
  SubscriberInputPipe,
  SubscriberPatchPipe,
} from './exchange-inputs';
import { ExchangeGatewayService } from './exchange-gateway.service';

const ROUTE = 'api/v1/admin/exchange/subscribers';
const SUBSCRIBER_ID = '0b8e4a52-6f0c-4d53-9d6e-2f1a7c3b9e41';

/**
 * 数据推送订阅方 (ADMIN, audited): the provincial platforms that receive presale permit events.
 * Bodies are typed with interfaces, so the route pipes (422 listing allowed values) validate them.
 */
@ApiTags('数据推送 Data exchange')
@ApiBearerAuth()
@RequireRoles('ADMIN')
@UseInterceptors(AuditInterceptor)
@Controller(ROUTE)
export class AdminExchangeController {
  constructor(private readonly exchange: ExchangeGatewayService) {}

  @Post()
  @ApiOperation({
    summary: '登记订阅方 Register a subscriber',
    description:
      'WEBHOOK 地址只能指向 EXCHANGE_ALLOWED_HOSTS 中的主机（开发环境外须 https，不跟随重定向）；未知事件类型或数据视图字段为 422 并列出允许值。v1（HMAC）订阅方的密钥只在此返回一次。\n\n' +
      'Webhook URLs only to allowlisted hosts (https outside development, no redirects); unknown event types or data-view fields are 422 listing the allowed values. A v1 (HMAC) secret is returned once, here.',
  })
  @ApiBody({ type: SubscriberInput })
  @ApiOkResponse({ type: SubscriberV1 })
  @ApiProblems(401, 422, 429, 503)
  @ApiAccountProblems()
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(SubscriberInputPipe) body: SubscriberInputV1,
    @CorrelationId() cid: string,
  ): Promise<Audited<SubscriberV1>> {
    return this.exchange.create(principal, body, cid);
  }

  @Get()
  @ApiOperation({ summary: '列出订阅方 List subscribers', description: '不含密钥。Never a secret.' })
  @ApiOkResponse({ type: SubscriberPageV1 })
  @ApiProblems(401, 429, 503)
  @ApiAccountProblems()
  list(@CurrentPrincipal() principal: Principal, @CorrelationId() cid: string): Promise<SubscriberPageV1> {
    return this.exchange.list(principal, cid);
  }

  @Get(':subscriberId')
  @ApiParam({ name: 'subscriberId', example: SUBSCRIBER_ID })
  @ApiOperation({ summary: '查看订阅方 Get a subscriber' })
  @ApiOkResponse({ type: SubscriberV1 })
  @ApiProblems(401, 404, 429, 503)
  @ApiAccountProblems()
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('subscriberId', SubscriberIdPipe) subscriberId: string,
    @CorrelationId() cid: string,
  ): Promise<SubscriberV1> {
    return this.exchange.get(principal, subscriberId, cid);
  }

  @Patch(':subscriberId')
  @ApiParam({ name: 'subscriberId', example: SUBSCRIBER_ID })
  @ApiOperation({
    summary: '修改、暂停/恢复订阅方 Update, pause or resume a subscriber',
    description:
      'state=PAUSED 暂停推送（事件照常排队），ACTIVE 恢复（含 410 停用后恢复）；rotateSecret=true 为 v1 订阅方换发密钥，旧密钥并行签名 24 小时。\n\n' +
      'PAUSED queues without sending, ACTIVE resumes (also after a 410); rotateSecret gives a v1 subscriber a new secret, the old one signs beside it for 24 h.',
  })
  @ApiBody({ type: SubscriberPatch })
  @ApiOkResponse({ type: SubscriberV1 })
  @ApiProblems(401, 404, 422, 429, 503)
  @ApiAccountProblems()
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('subscriberId', SubscriberIdPipe) subscriberId: string,
    @Body(SubscriberPatchPipe) body: SubscriberPatchV1,
    @CorrelationId() cid: string,
  ): Promise<Audited<SubscriberV1>> {
    return this.exchange.update(principal, subscriberId, body, cid);
  }

  @Get(':subscriberId/deliveries')
  @ApiParam({ name: 'subscriberId', example: SUBSCRIBER_ID })
  @ApiOperation({ summary: '推送记录 Deliveries and every attempt', description: '最新在前 newest first.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500 } })
  @ApiOkResponse({ type: DeliveryPageV1 })
  @ApiProblems(401, 404, 422, 429, 503)
  @ApiAccountProblems()
  deliveries(
    @Query(DeliveriesQueryPipe) query: { limit?: number },
    @CurrentPrincipal() principal: Principal,
    @Param('subscriberId', SubscriberIdPipe) subscriberId: string,
    @CorrelationId() cid: string,
  ): Promise<DeliveryPageV1> {
    return this.exchange.deliveries(principal, subscriberId, query.limit, cid);
  }

  @Post(':subscriberId/deliveries/:eventId/redeliver')
  @ApiParam({ name: 'subscriberId', example: SUBSCRIBER_ID })
  @ApiParam({ name: 'eventId', example: '5d7f9a3c-2b1e-4c8d-9f0a-6e4b3c2d1a0f' })
  @HttpCode(200)
  @ApiOperation({ summary: '重新推送一个事件 Redeliver one event' })
  @ApiOkResponse({ type: DeliveryV1 })
  @ApiProblems(401, 404, 429, 503)
  @ApiAccountProblems()
  redeliver(
    @CurrentPrincipal() principal: Principal,
    @Param('subscriberId', SubscriberIdPipe) subscriberId: string,
    @Param('eventId', EventIdPipe) eventId: string,
    @CorrelationId() cid: string,
  ): Promise<Audited<DeliveryV1>> {
    return this.exchange.redeliver(principal, subscriberId, eventId, cid);
  }

  @Post(':subscriberId/replay')
  @ApiParam({ name: 'subscriberId', example: SUBSCRIBER_ID })
  @HttpCode(200)
  @ApiOperation({
    summary: '按时间或流序号范围重放 Replay a time or stream-sequence range',
    description:
      '按事件时间 [from, to]，或按流序号 [fromSequence, toSequence]（stream 默认 HN_PRESALE），重新推送该订阅方类型的全部事件（按预售许可证号保序，事件 id 不变）；二选一；范围不能在未来（流序号不超过已收到的最后一个）、不超过 90 天。\n\nRe-sends every event of the subscriber’s types with event time in [from, to], or stream sequence in [fromSequence, toSequence], in order per presale number with the same ids; one of the two; not in the future, at most 90 days.',
  })
  @ApiExtraModels(TimeReplayRange, SequenceReplayRange)
  @ApiBody({ schema: REPLAY_BODY_SCHEMA })
  @ApiOkResponse({ type: ReplayResultV1 })
  @ApiProblems(401, 404, 422, 429, 503)
  @ApiAccountProblems()
  replay(
    @CurrentPrincipal() principal: Principal,
    @Param('subscriberId', SubscriberIdPipe) subscriberId: string,
    @Body(ReplayInputPipe) body: ReplayRangeV1,
    @CorrelationId() cid: string,
  ): Promise<Audited<ReplayResultV1>> {
    return this.exchange.replay(principal, subscriberId, body, cid);
  }

  @Get(':subscriberId/dead-letters')
  @ApiParam({ name: 'subscriberId', example: SUBSCRIBER_ID })
  @ApiOperation({
    summary: '死信列表 Dead letters',
    description: '重试期满仍未收下的事件。Events not taken within the retry horizon.',
  })
  @ApiOkResponse({ type: DeliveryPageV1 })
  @ApiProblems(401, 404, 429, 503)
  @ApiAccountProblems()
  deadLetters(
    @CurrentPrincipal() principal: Principal,
    @Param('subscriberId', SubscriberIdPipe) subscriberId: string,
    @CorrelationId() cid: string,
  ): Promise<DeliveryPageV1> {
    return this.exchange.deadLetters(principal, subscriberId, cid);
  }

  @Post(':subscriberId/dead-letters/requeue')
  @ApiParam({ name: 'subscriberId', example: SUBSCRIBER_ID })
  @HttpCode(200)
  @ApiOperation({
    summary: '死信重新排队 Requeue dead letters',
    description: '不给 eventIds 时全部重新排队。All when eventIds is absent.',
  })
  @ApiBody({ type: RequeueInput })
  @ApiOkResponse({ type: ReplayResultV1 })
  @ApiProblems(401, 404, 422, 429, 503)
  @ApiAccountProblems()
  requeue(
    @CurrentPrincipal() principal: Principal,
    @Param('subscriberId', SubscriberIdPipe) subscriberId: string,
    @Body(RequeueInputPipe) body: { eventIds?: string[] },
    @CorrelationId() cid: string,
  ): Promise<Audited<ReplayResultV1>> {
    return this.exchange.requeue(principal, subscriberId, body, cid);
  }

  @Get(':subscriberId/manifests')
  @ApiParam({ name: 'subscriberId', example: SUBSCRIBER_ID })
  @ApiQuery({ name: 'date', required: true, schema: { type: 'string', format: 'date', example: '2026-12-04' } })
  @ApiOperation({
    summary: '每日完整性清单 Daily completeness manifest',
    description:
      '该订阅方某一中国日期的事件 id（流序号顺序）、计数与 RFC 6962 Merkle 根，平台 Ed25519 签名；当日结束后为定稿（final），否则为临时清单。\n\n' +
      'The ids of the events of one China date offered to the subscriber, their count and RFC 6962 Merkle root, signed; final once the day has ended, provisional before.',
  })
  @ApiOkResponse({ type: ExchangeManifestV1 })
  @ApiProblems(401, 404, 422, 429, 503)
  @ApiAccountProblems()
  manifest(
    @Query(AdminManifestQueryPipe) query: { date: string },
    @CurrentPrincipal() principal: Principal,
    @Param('subscriberId', SubscriberIdPipe) subscriberId: string,
    @CorrelationId() cid: string,
  ): Promise<ExchangeManifestV1> {
    return this.exchange.manifest(principal, subscriberId, query.date, cid);
  }
}
