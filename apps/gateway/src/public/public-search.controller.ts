import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  FieldError,
  InvalidPayloads,
  PUBLIC_SEARCH_KINDS,
  PUBLIC_SEARCH_PAGE_MAX,
  PUBLIC_SEARCH_PAGE_SIZE_MAX,
  PUBLIC_SEARCH_TERM_MAX,
  PublicPresaleSearchPageV1,
  PublicPresaleSearchQuery,
  PublicPresaleSearchRequestV1,
  Rpc,
} from '@hn/messages';
import { DomainException } from '@hn/errors';
import { CorrelationId, Public } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { problemExample } from '../openapi/problem-example.builders';
import { ApiProblemExamples } from '../presale/problem-examples.openapi';
import { rpcBodyPipe } from '../validation/message-pipe';
import { PublicGatewayService } from './public-gateway.service';

/** 400 VALIDATION_FAILED with the detail the presale service builds for the same query. */
export function invalidSearch(errors: FieldError[]): DomainException {
  return DomainException.invalidPayload(InvalidPayloads.publicSearch, errors);
}

/** Validates the query string with the Rpc entry's class, which the presale service's @RpcHandler applies again. */
export const PublicSearchQueryPipe = rpcBodyPipe<PublicPresaleSearchQuery>(Rpc.publicSearch);

const SHORT_NAME = invalidSearch([{ field: 'q', reason: '项目名称至少输入 2 个字 (at least 2 characters)' }]);
const BAD_KIND = invalidSearch([
  { field: 'by', reason: `须为 ${PUBLIC_SEARCH_KINDS.join(' / ')} 之一 (one of ${PUBLIC_SEARCH_KINDS.join(', ')})` },
]);

/**
 * 预售许可证统一查询 (work plan task 7(3)): no login, rate limited per IP like every public route.
 * The query parameter is typed with the message's interface so the global ValidationPipe leaves it
 * to the route's pipe (the same class, code and fields as the presale service).
 */
@ApiTags('公众查询 Public verification')
@Public()
@Controller('public/v1')
export class PublicSearchController {
  constructor(private readonly publicApi: PublicGatewayService) {}

  @Get('presale-permits')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: '预售许可证统一查询 Search presale permits',
    description:
      '无需登录。按统一编号（精确）、本地证书编号（精确，忽略全角/半角与空格差异）或项目名称（包含，至少 2 个字）查询全省已生效的预售许可证；' +
      '只返回证书上公开的信息（不含开发企业信用代码、监管账号、坐标），每条附核验地址（verifyPath，即二维码的核验页）。' +
      `未提交的补录草稿、已撤回的编号与联调测试数据不在结果中。分页：page ≤ ${PUBLIC_SEARCH_PAGE_MAX}，pageSize ≤ ${PUBLIC_SEARCH_PAGE_SIZE_MAX}；按 IP 限频。\n\n` +
      'No login. Search by unified number (exact), local certificate number (exact, width and spaces ignored) or project name (contains, ≥ 2 characters); public fields only, each with its verification path. Rate limited per IP.',
  })
  @ApiQuery({
    name: 'by',
    required: true,
    // the example inside the schema: with `enum` beside it, the parameter's own example is dropped
    schema: { type: 'string', enum: [...PUBLIC_SEARCH_KINDS], example: 'projectName' },
    description: '查询方式：presaleNumber 统一编号 / localCertificateNumber 本地证书编号 / projectName 项目名称',
  })
  @ApiQuery({
    name: 'q',
    required: true,
    example: '锦绣',
    description: `查询内容（最长 ${PUBLIC_SEARCH_TERM_MAX} 个字）：如 430223202406200101-Y01、攸住建预字〔2024〕第015号、锦绣`,
  })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'pageSize', required: false, example: 20, description: `1–${PUBLIC_SEARCH_PAGE_SIZE_MAX}` })
  @ApiOkResponse({ type: PublicPresaleSearchPageV1 })
  @ApiProblemExamples(400, '查询条件无效 Invalid search', {
    shortName: problemExample(SHORT_NAME),
    unknownKind: problemExample(BAD_KIND),
  })
  @ApiProblems(429, 503)
  search(
    @Query(PublicSearchQueryPipe) query: PublicPresaleSearchRequestV1,
    @CorrelationId() cid: string,
  ): Promise<PublicPresaleSearchPageV1> {
    return this.publicApi.search(query, cid);
  }
}
