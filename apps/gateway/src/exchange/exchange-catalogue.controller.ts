import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EXCHANGE_CATALOGUE, ExchangeCatalogueV1 } from '@hn/messages';
import { Public } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { NoQueryPipe } from './exchange-inputs';

/** 数据目录 for the exchange platforms: public metadata (no data), the same list the data views are checked against. */
@ApiTags('数据推送 Data exchange')
@Controller('api/v1/exchange/catalogue')
export class ExchangeCatalogueController {
  @Get()
  @Public()
  @ApiOperation({
    summary: '数据目录 Data catalogue',
    description:
      '可推送的资源及其字段（中文名、类型、含义）；订阅方的数据视图只能从中选择。不含任何购房人个人信息。\n\nThe resources and fields a data view may choose from; no buyer’s personal data.',
  })
  @ApiOkResponse({ type: ExchangeCatalogueV1 })
  @ApiProblems(429)
  catalogue(@Query(NoQueryPipe) _query: Record<string, never>): ExchangeCatalogueV1 {
    return EXCHANGE_CATALOGUE;
  }
}
