import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { TOKEN_PATTERN, VERIFY_URL_EXAMPLE, verifyOutcome, VerifyResultV1 } from '@hn/messages';
import { DomainException } from '@hn/errors';
import type { FastifyReply } from 'fastify';
import { CorrelationId, Public } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { prefersJson } from './content-negotiation';
import { PublicGatewayService } from './public-gateway.service';
import { renderVerifyPage } from './verify-page';

/** The answer for a path that is not even token text, and for a verification service that is down. */
function answer(code: 'MALFORMED' | 'SERVICE_UNAVAILABLE'): VerifyResultV1 {
  const o = verifyOutcome(code);
  return { valid: false, status: o.status, code: o.code, reason: o.code, message: o.message, messageEn: o.messageEn };
}

/**
 * The short URL printed in the QR: `<PUBLIC_BASE_URL upper-cased>/V/<token in upper-case base32>`
 * (all in the QR alphanumeric set, so the code stays small). A phone camera opens it: a Chinese page;
 * an app asking for JSON gets the verification result itself.
 */
@ApiTags('公众查询 Public verification')
@ApiExtraModels(VerifyResultV1)
@Public()
@Controller('V')
export class VerifyPageController {
  constructor(private readonly publicApi: PublicGatewayService) {}

  @Get(':token')
  @ApiOperation({
    summary: '扫码核验页（二维码地址）Verification page opened by the QR code',
    description: `二维码内容形如 ${VERIFY_URL_EXAMPLE.slice(0, 48)}…。浏览器得到中文核验页（有效 / 联调测试 / 未提交的草稿 / 已撤回 / 已更正（附最新证书链接）/ 无效），醒目显示中文原因，旁附英文代码；Accept 优先 application/json 时返回与 /public/v1/verify 相同的 JSON。`,
  })
  @ApiParam({ name: 'token', description: '链令牌（大写 base32 或 base64url）' })
  @ApiProduces('text/html', 'application/json')
  @ApiResponse({
    status: 200,
    description: '核验结果页或 JSON',
    content: {
      'text/html': { schema: { type: 'string' } },
      'application/json': { schema: { $ref: getSchemaPath(VerifyResultV1) } },
    },
  })
  @ApiProblems(429, 503)
  async page(
    @Param('token') token: string,
    @Headers('accept') accept: string | undefined,
    @CorrelationId() cid: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VerifyResultV1 | string> {
    void reply.header('cache-control', 'no-store').header('vary', 'Accept').header('referrer-policy', 'no-referrer');
    const json = prefersJson(accept);
    let result: VerifyResultV1;
    if (!TOKEN_PATTERN.test(token)) {
      result = answer('MALFORMED');
    } else if (json) {
      result = await this.publicApi.verify(token, cid);
    } else {
      try {
        result = await this.publicApi.verify(token, cid);
      } catch (err) {
        // A citizen gets a page, not a problem document, when the verification service is down.
        if (err instanceof DomainException && err.problem.status >= 500) {
          void reply.status(err.problem.status).type('text/html; charset=utf-8');
          return renderVerifyPage(answer('SERVICE_UNAVAILABLE'), 'unavailable');
        }
        throw err;
      }
    }
    if (json) return result;
    void reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        // the shipped CJK font (the console's) only where the phone has none of its own
        "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      .header('x-content-type-options', 'nosniff');
    return renderVerifyPage(result);
  }
}
