import { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, ResponseObject, ServerObject } from '@nestjs/swagger';
import { OpenApiServerUrls } from '../config/gateway.config';
import { openApiHeaders, responseHeaders } from './openapi-headers';
import { routeHandlers } from './openapi-routes';
import { accessDescription, routeAccess, securityFor, staffRolesFor } from './openapi-security';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Tags of the document, described (a tag without an entry here is listed with its name only). */
const TAG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '认证 Auth': '集成方取令牌（OAuth2 客户端凭据） integrator tokens (OAuth2 client credentials)',
  '施工许可 Construction permits': '施工许可查询 construction permit lookup',
  '工改系统推送 Approval system ingest': '工改系统推送施工许可 the approval system pushes construction permits',
  '工改系统施工许可审批 Approval system permit applications':
    '施工许可审批申请 permit applications from the approval system',
  '预售许可 Presale permits': '预售许可取号、查询、打印 presale permit numbers: issue, read, print',
  '网签备案 Contract filings': '合同网签备案取号、注销 contract filings: issue, cancel',
  '公众查询 Public verification':
    '公众扫码核验、透明日志、公开检索（无需令牌） public verification, transparency log, search',
  '统计 Statistics': '统计数据与营商环境考核 statistics and assessment',
  '数据推送 Data exchange': '数据共享推送与拉取 data exchange: push and pull',
  '预售监管 Supervision': '监管人员的标记、补录、资金监管、预警等 staff supervision work',
  '工作人员 Staff': '工作人员登录、会话、修改密码、审计 staff login, session, password, audit',
  '账号管理 Account administration': '管理员管理集成方与工作人员账号 ADMIN: integrator and staff accounts',
  '账号申请 Account applications': '市州账号申请与省厅审批 account applications',
  '运维 Operations': '健康检查 health',
};

export interface FinishOptions {
  publicBaseUrl: string;
  servers: OpenApiServerUrls;
}

/**
 * Completes what the decorators cannot say in OpenAPI 3.0: each operation's `security` and access
 * paragraph from the same metadata the guards read, response headers, servers, tags, dates,
 * nullable enums (null listed, as OpenAPI 3.0.3 requires) and multipart JSON parts.
 */
export function finishOpenApiDocument(
  generated: OpenAPIObject,
  app: INestApplication,
  options: FinishOptions,
): OpenAPIObject {
  // a copy: @nestjs/swagger hands out the decorators' own objects (and enum arrays the validators use)
  const doc = JSON.parse(JSON.stringify(generated)) as OpenAPIObject;
  const routes = routeHandlers(app);
  const reflector = new Reflector();
  doc.servers = serversOf(options);
  doc.components = { ...doc.components, headers: { ...openApiHeaders() } };
  const tags = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, OperationObject | undefined>)[method];
      if (!op) continue;
      const route = routes.get(`${method} ${path}`);
      if (!route) throw new Error(`OpenAPI operation without a route: ${method.toUpperCase()} ${path}`);
      const access = routeAccess(reflector, route.controller, route.handler);
      op.security = securityFor(access);
      const roles = staffRolesFor(access);
      if (roles.length > 0) (op as unknown as Json)['x-staff-roles'] = roles;
      op.description = [op.description, accessDescription(access)].filter(Boolean).join('\n\n');
      const throttled = path !== '/health';
      if (throttled && !op.responses['429']) op.responses['429'] = RATE_LIMITED_RESPONSE;
      for (const [status, response] of Object.entries(op.responses)) {
        const headers = responseHeaders(method, path, status, throttled);
        if (headers.length > 0 && response && !('$ref' in response))
          (response as ResponseObject).headers = {
            ...Object.fromEntries(headers.map((h) => [h, { $ref: `#/components/headers/${h}` }])),
            ...(response as ResponseObject).headers,
          };
      }
      for (const tag of op.tags ?? []) tags.add(tag);
      multipartJsonParts(op);
      for (const p of op.parameters ?? []) if ('name' in p && p.schema) dateFormat(p.name, p.schema as Json);
    }
  }
  doc.tags = [...tags].map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
  walkSchemas(doc as unknown as Json);
  return doc;
}

const RATE_LIMITED_RESPONSE: ResponseObject = {
  description: '超出频率限制 Rate limited (see Retry-After)',
  content: {
    'application/problem+json': {
      schema: { $ref: '#/components/schemas/ProblemDto' },
      example: {
        type: 'https://presale.hunan.gov.cn/problems/rate-limited',
        title: '请求过于频繁 Too Many Requests',
        status: 429,
        code: 'RATE_LIMITED',
        detail: '请求过于频繁，请按 Retry-After 指示稍后重试 (rate limit exceeded)',
      },
    },
  },
};

function serversOf({ publicBaseUrl, servers }: FinishOptions): ServerObject[] {
  const placeholder = (kind: 'production' | 'sandbox', label: string, host: string, env: string): ServerObject => ({
    url: `https://{${kind}Host}`,
    description: `${label}（占位：部署时以 ${env} 配置） ${kind} placeholder, set ${env}`,
    variables: { [`${kind}Host`]: { default: host, description: `${label}域名 ${kind} host` } },
  });
  const out: ServerObject[] = [
    {
      url: publicBaseUrl,
      description: '本部署（默认本地 http://127.0.0.1:3000，PUBLIC_BASE_URL） this deployment, local by default',
    },
    servers.production
      ? { url: servers.production, description: '生产环境 production' }
      : placeholder('production', '生产环境', 'presale.example.gov.cn', 'GATEWAY_OPENAPI_PRODUCTION_URL'),
    servers.sandbox
      ? {
          url: servers.sandbox,
          description:
            '联调测试环境 sandbox（联调测试凭据只写沙箱空间 sandbox credentials write the sandbox space only）',
        }
      : placeholder('sandbox', '联调测试环境', 'sandbox.presale.example.gov.cn', 'GATEWAY_OPENAPI_SANDBOX_URL'),
  ];
  return out.filter((s, i) => out.findIndex((o) => o.url === s.url) === i);
}

/**
 * A multipart `data` part documented with OpenAPI 3.1's contentMediaType / contentSchema becomes the
 * 3.0 form: the part's schema (the message class) and `encoding.data.contentType: application/json`.
 */
function multipartJsonParts(op: OperationObject): void {
  const body = op.requestBody as { content?: Record<string, Json> } | undefined;
  const media = body?.content?.['multipart/form-data'];
  const properties = (media?.['schema'] as { properties?: Record<string, Json> } | undefined)?.properties;
  if (!media || !properties) return;
  for (const [name, part] of Object.entries(properties)) {
    if (part['contentMediaType'] !== 'application/json' || !part['contentSchema']) continue;
    const example = typeof part['example'] === 'string' ? (JSON.parse(part['example']) as unknown) : part['example'];
    properties[name] = {
      description: `${String(part['description'] ?? '')}\n\nJSON 文本字段，或 Content-Type: application/json 的部分 (a JSON text field or an application/json part).`,
      allOf: [part['contentSchema']],
      ...(example === undefined ? {} : { example }),
    };
    media['encoding'] = { ...(media['encoding'] as Json | undefined), [name]: { contentType: 'application/json' } };
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date is `type: string, format: date`: a property named …Date, or a string whose example is YYYY-MM-DD. */
function dateFormat(name: string, schema: Json): void {
  if (schema['$ref'] || schema['format'] || schema['enum']) return;
  const example = schema['example'];
  const isDate =
    (schema['type'] === 'string' || schema['type'] === undefined) &&
    ((typeof example === 'string' && ISO_DATE.test(example)) || (/Date$/.test(name) && example === null));
  if (isDate) {
    schema['type'] = 'string';
    schema['format'] = 'date';
  }
}

/** Every schema of the document: dates; a nullable enum lists null (OpenAPI 3.0.3: nullable does not extend enum). */
function walkSchemas(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) walkSchemas(item);
    return;
  }
  const obj = node as Json;
  // a new array: the enum may be the very array the validators use (PROJECT_TYPES), shared by other schemas
  if (obj['nullable'] === true && Array.isArray(obj['enum']) && !obj['enum'].includes(null))
    obj['enum'] = [...(obj['enum'] as unknown[]), null];
  const props = obj['properties'];
  if (props && typeof props === 'object' && !Array.isArray(props))
    for (const [name, schema] of Object.entries(props as Record<string, Json>))
      if (schema && typeof schema === 'object') dateFormat(name, schema);
  for (const value of Object.values(obj)) walkSchemas(value);
}
