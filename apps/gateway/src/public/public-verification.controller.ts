import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  CHAIN_TOKEN_EXAMPLE,
  ConsistencyProofRequest,
  ConsistencyProofRequestV1,
  ConsistencyProofV1,
  InclusionProofRequest,
  InclusionProofRequestV1,
  InclusionProofV1,
  JwksV1,
  PublicPresaleSummaryV1,
  Rpc,
  VerifyRequest,
  VerifyRequestV1,
  VerifyResultV1,
} from '@hn/messages';
import type { FastifyReply } from 'fastify';
import { CorrelationId, Public } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PRESALE_NUMBER_PARAM } from '../presale/presale-permits.controller';
import { ParsedPresaleNumber, PresaleNumberPipe } from '../presale/presale-number.pipe';
import { ApiProblemExamples, PRESALE_NOT_FOUND, PRESALE_NUMBER_INVALID } from '../presale/problem-examples.openapi';
import { PublicGatewayService } from './public-gateway.service';
import { validationExample } from '../openapi/problem-example.builders';
import { rpcBodyPipe } from '../validation/message-pipe';

const CHECKPOINT_EXAMPLE =
  'presale.hunan.gov.cn/log\n2\nsTeYX/SE+2ANuTEHx3sDZcgNePW0Kd7Q/Zc2HQd5mes=\n\n— presale.hunan.gov.cn/log bgMrfkd2XCF/72i10Vq0H0/+Frp4sqRP5PXW9VhX7X+LnDWolCMJHqL2VMjQDJIhIOoiwTSVNDIjW5PVorZ6kpOBIQ4=\n';

/** The query strings, validated with the Rpc entries' classes (the presale service's @RpcHandler applies them again). */
const VerifyQueryPipe = rpcBodyPipe<VerifyRequest>(Rpc.publicVerify);
const InclusionProofQueryPipe = rpcBodyPipe<InclusionProofRequest>(Rpc.publicInclusionProof);
const ConsistencyProofQueryPipe = rpcBodyPipe<ConsistencyProofRequest>(Rpc.publicConsistencyProof);

/**
 * 公众查询: what citizens, banks and notaries use without an account (rate limited per IP by the
 * throttler's public limit). Everything answered here is public data of issued permits and the log.
 */
@ApiTags('公众查询 Public verification')
@Public()
@Controller('public/v1')
export class PublicVerificationController {
  constructor(private readonly publicApi: PublicGatewayService) {}

  @Get('verify')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: '核验链令牌（二维码）Verify a chain token',
    description:
      '无需登录。令牌可为 base64url（接口返回的 chainToken）或二维码地址中的大写 base32。始终返回 200：status（VALID / TEST / DRAFT / WITHDRAWN / CORRECTED / INVALID / NOT_FOUND）、稳定的英文 code、给人看的中文 message（英文 messageEn）。只有 valid 为 true 才有效：未提交的补录草稿为 DRAFT（「未提交的草稿，不是有效证书」），已撤回为 WITHDRAWN，已更正的旧令牌为 CORRECTED 并在 current 中给出最新证书的核验地址；联调测试令牌 test 为 true。',
  })
  @ApiQuery({
    name: 'token',
    required: true,
    example: CHAIN_TOKEN_EXAMPLE,
    description: '链令牌：base64url（接口返回的 chainToken）或大写 base32（二维码地址中的形式），1–400 位',
  })
  @ApiOkResponse({ type: VerifyResultV1 })
  @ApiProblemExamples(400, '令牌格式错误 Invalid token text', {
    invalidToken: validationExample([
      { field: 'token', reason: 'token 须为 1–400 位 [A-Za-z0-9_-] (1–400 characters of base64url or base32)' },
    ]),
  })
  @ApiProblems(429, 503)
  verify(@Query(VerifyQueryPipe) query: VerifyRequestV1, @CorrelationId() cid: string): Promise<VerifyResultV1> {
    return this.publicApi.verify(query.token, cid);
  }

  @Get('presale-permits/:presaleNumber')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: '公开查询预售许可证摘要 Public summary of a presale permit',
    description: '无需登录；不含开发企业信用代码与监管账号。',
  })
  @ApiParam(PRESALE_NUMBER_PARAM)
  @ApiOkResponse({ type: PublicPresaleSummaryV1 })
  @ApiProblemExamples(400, '编号格式错误 Invalid number', { invalidNumber: PRESALE_NUMBER_INVALID })
  @ApiProblemExamples(404, '预售许可证不存在 Not found', { presaleNotFound: PRESALE_NOT_FOUND })
  @ApiProblems(429, 503)
  permit(
    @Param('presaleNumber', PresaleNumberPipe) presale: ParsedPresaleNumber,
    @CorrelationId() cid: string,
  ): Promise<PublicPresaleSummaryV1> {
    return this.publicApi.permit(presale.value, cid);
  }

  @Get('log/checkpoint')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: '透明日志签名检查点（C2SP signed note）Signed tree head of the transparency log',
    description:
      'C2SP tlog-checkpoint 格式：来源行、树大小、base64 树根，空行后为 Ed25519 签名行（signed-note）。用 /public/v1/keys 中的公钥核验。',
  })
  @ApiProduces('text/plain')
  @ApiResponse({
    status: 200,
    description: '签名笔记 signed note',
    content: { 'text/plain': { schema: { type: 'string' }, example: CHECKPOINT_EXAMPLE } },
  })
  @ApiProblems(429, 503)
  async checkpoint(@CorrelationId() cid: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const note = await this.publicApi.checkpoint(cid);
    void reply.type('text/plain; charset=utf-8');
    return note;
  }

  @Get('log/inclusion-proof')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: '包含证明（RFC 9162 §2.1.3）Inclusion proof of a log entry',
    description:
      '证明序号为 index 的条目包含在大小为 treeSize 的树中；哈希均为十六进制。要求 0 ≤ index < treeSize ≤ 当前日志大小。',
  })
  @ApiQuery({
    name: 'index',
    required: true,
    example: '0',
    description: '叶子序号（非负整数，小于 treeSize）leaf index',
  })
  @ApiQuery({
    name: 'treeSize',
    required: true,
    example: '1',
    description: '树大小（正整数，不超过当前日志大小）tree size',
  })
  @ApiOkResponse({ type: InclusionProofV1 })
  @ApiProblemExamples(400, '参数无效 Invalid request', {
    invalidProofRequest: {
      code: 'INVALID_PROOF_REQUEST',
      detail: '证明请求无效：index 须小于 treeSize (index must be less than treeSize)',
      errors: [{ field: 'index', reason: 'index 5 ≥ treeSize 3' }],
    },
    notAnInteger: validationExample([{ field: 'treeSize', reason: 'treeSize 须为非负整数 (non-negative integer)' }]),
  })
  @ApiProblems(429, 503)
  inclusionProof(
    @Query(InclusionProofQueryPipe) query: InclusionProofRequestV1,
    @CorrelationId() cid: string,
  ): Promise<InclusionProofV1> {
    return this.publicApi.inclusionProof(query.index, query.treeSize, cid);
  }

  @Get('log/consistency-proof')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: '一致性证明（RFC 9162 §2.1.4）Consistency proof between two tree sizes',
    description:
      '证明大小为 first 的树是大小为 second 的树的前缀（日志只追加、未被改写）。要求 1 ≤ first ≤ second ≤ 当前日志大小。',
  })
  @ApiQuery({ name: 'first', required: true, example: '1', description: '较早的树大小（≥ 1）first tree size' })
  @ApiQuery({ name: 'second', required: true, example: '2', description: '较晚的树大小（≥ first）second tree size' })
  @ApiOkResponse({ type: ConsistencyProofV1 })
  @ApiProblemExamples(400, '参数无效 Invalid request', {
    invalidProofRequest: {
      code: 'INVALID_PROOF_REQUEST',
      detail: '证明请求无效：须 1 ≤ first ≤ second (1 ≤ first ≤ second)',
      errors: [{ field: 'first', reason: 'first 3 > second 2' }],
    },
  })
  @ApiProblems(429, 503)
  consistencyProof(
    @Query(ConsistencyProofQueryPipe) query: ConsistencyProofRequestV1,
    @CorrelationId() cid: string,
  ): Promise<ConsistencyProofV1> {
    return this.publicApi.consistencyProof(query.first, query.second, cid);
  }

  @Get('keys')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: '链令牌与检查点的公钥（JWKS）Public keys of chain tokens and checkpoints (JWKS)',
    description: 'Ed25519（RFC 8037 OKP）公钥集合；kid 即令牌中的密钥标识。密钥轮换后旧公钥继续列出，旧令牌仍可核验。',
  })
  @ApiOkResponse({ type: JwksV1 })
  @ApiProblems(429, 503)
  keys(@CorrelationId() cid: string): Promise<JwksV1> {
    return this.publicApi.keys(cid);
  }
}
