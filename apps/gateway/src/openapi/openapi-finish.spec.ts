import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { PROJECT_TYPES } from '@hn/messages';
import { finishOpenApiDocument } from './openapi-finish';
import { createPreviewApp } from './preview-app';
import { buildOpenApiDocument } from './setup-openapi';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe(finishOpenApiDocument.name, () => {
  let app: INestApplication;
  let doc: Json;

  beforeAll(async () => {
    ({ app } = await createPreviewApp());
    doc = buildOpenApiDocument(app) as Json;
  });

  afterAll(() => app.close());

  const schema = (name: string): Json => doc['components'].schemas[name];
  const op = (method: string, path: string): Json => doc['paths'][path][method];

  it('types dates as string / date (request and reply schemas, query parameters)', () => {
    for (const field of ['startDate', 'plannedCompletionDate', 'fivePartyAcceptanceDate', 'completionFilingDate']) {
      expect(schema('PermitUpsert').properties[field]).toMatchObject({
        type: 'string',
        format: 'date',
        nullable: true,
      });
      expect(schema('ConstructionPermitV1').properties[field]).toMatchObject({ type: 'string', format: 'date' });
    }
    expect(schema('ConstructionPermitV1').properties.issueDate).toMatchObject({ type: 'string', format: 'date' });
    const from = (op('get', '/api/v1/audit').parameters as Json[]).find((p) => p['name'] === 'from');
    expect(from?.['schema']).toMatchObject({ type: 'string', format: 'date' });
    // every property named …Date anywhere in the document
    const dates: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const props = (node as Json)['properties'] as Json | undefined;
      for (const [name, p] of Object.entries(props ?? {}))
        if (/Date$/.test(name) && !p['$ref'] && !p['allOf']) dates.push(`${path}.${name} ${p['type']}/${p['format']}`);
      for (const [k, v] of Object.entries(node as Json))
        if (k !== 'example' && k !== 'examples') walk(v, `${path}/${k}`);
    };
    walk(doc, '');
    expect(dates.length).toBeGreaterThan(10);
    expect(dates.filter((d) => !d.endsWith(' string/date'))).toEqual([]);
  });

  it('documents the response headers where the gateway sends them', () => {
    const issued = op('post', '/api/v1/presale-permits').responses;
    expect(Object.keys(issued['201'].headers)).toEqual([
      'X-Correlation-Id',
      'RateLimit-Policy',
      'RateLimit',
      'Location',
    ]);
    expect(Object.keys(issued['429'].headers)).toEqual([
      'X-Correlation-Id',
      'RateLimit-Policy',
      'RateLimit',
      'Retry-After',
    ]);
    expect(Object.keys(issued['503'].headers)).toEqual(['X-Correlation-Id', 'Retry-After']);
    expect(Object.keys(issued['422'].headers)).toEqual(['X-Correlation-Id']);
    expect(Object.keys(op('post', '/api/v1/contract-filings').responses['201'].headers)).toContain('Location');
    // /health is not rate limited
    expect(Object.keys(op('get', '/health').responses['200'].headers)).toEqual(['X-Correlation-Id']);
    for (const name of ['X-Correlation-Id', 'RateLimit-Policy', 'RateLimit', 'Retry-After', 'Location'])
      expect(doc['components'].headers[name].description).toMatch(/[\u4e00-\u9fff]/);
    // every operation but /health can answer 429
    for (const [path, item] of Object.entries(doc['paths'] as Json))
      for (const o of Object.values(item as Json))
        if (path !== '/health') expect((o as Json)['responses']['429']).toBeDefined();
  });

  it('lists this deployment first (local by default), then production and sandbox (placeholders unless configured)', async () => {
    expect(doc['servers'].map((s: Json) => s['url'])).toEqual([
      'http://127.0.0.1:3000',
      'https://{productionHost}',
      'https://{sandboxHost}',
    ]);
    const { app: configured, config } = await createPreviewApp({
      PUBLIC_BASE_URL: 'https://presale.hunan.gov.cn',
      GATEWAY_OPENAPI_PRODUCTION_URL: 'https://presale.hunan.gov.cn',
      GATEWAY_OPENAPI_SANDBOX_URL: 'https://sandbox.presale.hunan.gov.cn',
    });
    try {
      const servers = buildOpenApiDocument(configured, {
        publicBaseUrl: config.publicBaseUrl,
        servers: config.openApiServers,
      }).servers!.map((s) => s.url);
      expect(servers).toEqual(['https://presale.hunan.gov.cn', 'https://sandbox.presale.hunan.gov.cn']);
    } finally {
      await configured.close();
    }
  });

  it('documents the JSON part of a multipart upload by its schema, in the OpenAPI 3.0 form (encoding)', () => {
    const media = op('post', '/api/v1/supervision/marking/correction').requestBody.content['multipart/form-data'];
    expect(media.encoding).toEqual({ data: { contentType: 'application/json' } });
    expect(media.schema.properties.data.allOf).toEqual([{ $ref: '#/components/schemas/MarkingCorrectionData' }]);
    expect(typeof media.schema.properties.data.example).toBe('object');
    expect(JSON.stringify(doc)).not.toMatch(/contentMediaType|contentSchema/);
  });

  it('lists null in a nullable enum without touching the arrays the validators use, and defines every tag', () => {
    expect(schema('MarkedProjectV1').properties.previousType.enum).toContain(null);
    expect(PROJECT_TYPES).not.toContain(null);
    buildOpenApiDocument(app); // built twice: the same document (no decorator metadata changed)
    expect(buildOpenApiDocument(app)).toEqual(doc as OpenAPIObject);
    const used = new Set(
      Object.values(doc['paths'] as Json).flatMap((item) =>
        Object.values(item as Json).flatMap((o) => (o as Json)['tags'] ?? []),
      ),
    );
    expect(doc['tags'].map((t: Json) => t['name']).sort()).toEqual([...used].sort());
  });
});
