import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from './problem.dto';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('湖南省预售商品房监管平台 API (Hunan presale housing supervision platform)')
    .setDescription(
      '市县预售许可系统、网签系统对接接口。认证：POST /api/v1/oauth/token 获取 Bearer 令牌；错误均为 RFC 9457 application/problem+json，`code` 字段稳定。\n\n' +
        'Integration API for municipal presale-permit and contract-signing systems. Authenticate with the OAuth2 client-credentials grant; every error is RFC 9457 problem+json with a stable `code`.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto, FieldErrorDto] });
}

export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
}
