import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { OpenApiServerUrls } from '../config/gateway.config';
import { finishOpenApiDocument } from './openapi-finish';
import { securitySchemes } from './openapi-security';
import { FieldErrorDto, ProblemDto } from './problem.dto';

export const DOCS_PATH = 'api/docs';
export const DOCS_TITLE = '湖南省预售商品房监管平台 API 文档';
const TOKEN_PATH = '/api/v1/oauth/token';

export interface OpenApiOptions {
  /** the default server (this deployment); default the local gateway */
  publicBaseUrl?: string;
  servers?: OpenApiServerUrls;
}

export function buildOpenApiDocument(app: INestApplication, options: OpenApiOptions = {}): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('湖南省预售商品房监管平台 API (Hunan presale housing supervision platform)')
    .setDescription(
      '市县预售许可系统、网签系统对接接口。认证：POST /api/v1/oauth/token 获取 Bearer 令牌（OAuth2 客户端凭据，各接口所需权限范围见其 security 与「访问 Access」）；错误均为 RFC 9457 application/problem+json，`code` 字段稳定；每个应答带 X-Correlation-Id，限流接口带 RateLimit-Policy / RateLimit。\n\n' +
        'Integration API for municipal presale-permit and contract-signing systems. Authenticate with the OAuth2 client-credentials grant (each operation lists the scopes it needs); every error is RFC 9457 problem+json with a stable `code`; every response carries X-Correlation-Id, rate-limited ones RateLimit-Policy / RateLimit.',
    )
    .setVersion('1.0')
    .build();
  config.components = { ...config.components, securitySchemes: securitySchemes(TOKEN_PATH) };
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto, FieldErrorDto] });
  return finishOpenApiDocument(doc, app, {
    publicBaseUrl: options.publicBaseUrl ?? 'http://127.0.0.1:3000',
    servers: options.servers ?? { production: null, sandbox: null },
  });
}

/** Swagger UI at /api/docs (its assets served by the gateway, offline) with a Chinese title and lang="zh-CN". */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions = {}): void {
  const document = buildOpenApiDocument(app, options);
  const fastify = app.getHttpAdapter().getInstance() as {
    addHook(
      name: 'onSend',
      hook: (
        request: { url: string },
        reply: { getHeader(name: string): unknown },
        payload: unknown,
      ) => Promise<unknown>,
    ): void;
  };
  // Swagger UI writes <html lang="en"> into its page; the page's own text is Chinese (its buttons stay English)
  fastify.addHook('onSend', async (request, reply, payload) => {
    const path = request.url.split('?')[0] ?? '';
    const page = path === `/${DOCS_PATH}` || path === `/${DOCS_PATH}/` || path === `/${DOCS_PATH}/index.html`;
    if (!page || typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').includes('text/html'))
      return payload;
    return payload.replace(/<html lang="en">/, '<html lang="zh-CN">');
  });
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    customSiteTitle: DOCS_TITLE,
  });
}
