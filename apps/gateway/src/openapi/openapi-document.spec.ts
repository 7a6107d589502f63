import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import {
  ACCEPTANCE_BACKFILL_SORT,
  ACCOUNT_APPLICATION_SORT,
  ALERT_SORT,
  AUDIT_SORT,
  BACKFILL_CANDIDATE_SORT,
  ESCROW_LIST_SORT,
  ListSort,
  MARKING_LIST_SORT,
  RECONCILIATION_SORT,
  SIGNING_STATISTIC_SORT,
} from '@hn/messages';
import { createPreviewApp } from './preview-app';
import { buildOpenApiDocument } from './setup-openapi';

type Schema = {
  $ref?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

/** Routes whose replies are message classes of @hn/messages (or, for /admin, the gateway's own classes). */
const REPLY_ROUTES = [
  '/api/v1/construction-permits',
  '/api/v1/approval/',
  '/api/v1/presale-permits',
  '/api/v1/contract-filings',
  '/api/v1/supervision/',
  '/api/v1/admin/',
  '/public/v1/',
  '/V/',
  '/api/v1/account-applications',
];

const nameOf = (ref: string): string => ref.replace('#/components/schemas/', '');

/** Names of the schemas a schema refers to, directly or through items / allOf / oneOf / anyOf / properties. */
function refsOf(schema: Schema | undefined): string[] {
  if (!schema) return [];
  const nested = [schema.items, ...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return [
    ...(schema.$ref ? [nameOf(schema.$ref)] : []),
    ...nested.flatMap(refsOf),
    ...Object.values(schema.properties ?? {}).flatMap(refsOf),
  ];
}

describe(buildOpenApiDocument.name, () => {
  let app: INestApplication;
  let doc: OpenAPIObject;

  beforeAll(async () => {
    // preview: the module graph and routes without instantiating providers (no database, no NATS)
    ({ app } = await createPreviewApp({ PUBLIC_BASE_URL: 'https://presale.hunan.gov.cn' }));
    doc = buildOpenApiDocument(app);
  });

  afterAll(() => app.close());

  const schemas = (): Record<string, Schema> => (doc.components?.schemas ?? {}) as Record<string, Schema>;

  it.each<[string, ListSort]>([
    ['/api/v1/supervision/marking', MARKING_LIST_SORT],
    ['/api/v1/supervision/backfill/candidates', BACKFILL_CANDIDATE_SORT],
    ['/api/v1/supervision/escrow', ESCROW_LIST_SORT],
    ['/api/v1/supervision/reconciliation', RECONCILIATION_SORT],
    ['/api/v1/supervision/signing-statistics', SIGNING_STATISTIC_SORT],
    ['/api/v1/supervision/alerts', ALERT_SORT],
    ['/api/v1/supervision/alerts/export', ALERT_SORT],
    ['/api/v1/supervision/acceptance-backfills', ACCEPTANCE_BACKFILL_SORT],
    ['/api/v1/audit', AUDIT_SORT],
    ['/api/v1/account-applications', ACCOUNT_APPLICATION_SORT],
  ])('documents the sort of GET %s (enum of its allowed values, 422 example)', (path, spec) => {
    type Op = {
      parameters?: Array<{ name: string; in: string; schema?: { enum?: string[] } }>;
      responses: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }>;
    };
    const op = (doc.paths[path] as { get: Op }).get;
    const sort = op.parameters?.find((p) => p.name === 'sort' && p.in === 'query');
    expect(sort?.schema?.enum).toEqual(spec.values);
    expect(Object.keys(op.responses['422']?.content?.['application/problem+json']?.examples ?? {})).toContain(
      'invalidSort',
    );
  });

  it('documents the 承诺函 as the multipart scan part of the submission and of the RESUBMIT, like each other', () => {
    type Op = {
      description?: string;
      requestBody?: { content: Record<string, { schema: Schema & { $ref?: string } }> };
      responses: Record<string, unknown>;
    };
    const submit = (doc.paths['/api/v1/approval/permit-applications'] as { post: Op }).post;
    const resubmit = (doc.paths['/api/v1/approval/permit-applications/{id}/actions'] as { post: Op }).post;
    for (const op of [submit, resubmit]) {
      expect(Object.keys(op.requestBody!.content).sort()).toEqual(['application/json', 'multipart/form-data']);
      expect(op.description).toMatch(/data 部分.*scan 部分为承诺函（PDF\/JPEG\/PNG，按内容判断，≤ 20 MB/);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['413', '415', '422']));
    }
    const body = resubmit.requestBody!.content['multipart/form-data']!.schema;
    const letter = (schemas()[nameOf(body.$ref!)]!.properties ?? {})['commitmentLetter'] as { readOnly?: boolean };
    expect(letter.readOnly).toBe(true);
  });

  it('refers only to schemas it defines', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"(#\/components\/schemas\/[^"]*)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(100);
    for (const name of new Set(refs.map(nameOf))) expect(`${name}: ${name in schemas()}`).toBe(`${name}: true`);
  });

  it('documents every reply of the message-class and admin routes with examples, down to the nested schemas', () => {
    const replies = Object.entries(doc.paths)
      .filter(([path]) => REPLY_ROUTES.some((prefix) => path.startsWith(prefix)))
      .flatMap(([, ops]) => Object.values(ops as Record<string, { responses?: Record<string, unknown> }>))
      .flatMap((op) => Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith('2')))
      .map(([, r]) => (r as { content?: Record<string, { schema?: Schema }> }).content?.['application/json']?.schema);
    const seen = new Set<string>();
    const queue = replies.flatMap(refsOf);
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const schema = schemas()[name];
      if (!schema) continue; // reported by the test above
      for (const [property, p] of Object.entries(schema.properties ?? {})) {
        const structural = refsOf(p).length > 0;
        if (!structural)
          expect(`${name}.${property} example: ${'example' in p}`).toBe(`${name}.${property} example: true`);
      }
      queue.push(...refsOf(schema));
    }
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'EscrowPageV1',
        'EscrowRecordV1',
        'EscrowVersionV1',
        'StoredScanV1',
        'BackfillIssuedV1',
        'BackfilledPresalePermitV1',
        'UnpermittedPresalePageV1',
        'MarkingPageV1',
        'MarkingCorrectionReportV1',
        'IntegratorListDto',
        'StaffListDto',
        'ConstructionPermitPageV1',
        'ConstructionPermitV1',
        'BuildingUnitV1',
        'PermitUpsertResultV1',
        'PresaleIssuedV1',
        'PresalePermitV1',
        'LogPositionV1',
        'ContractFilingIssuedV1',
        'ContractFilingV1',
        'PersonBuyerRecordV1',
        'OrganizationBuyerRecordV1',
        'ContractCancellationV1',
        'SigningStatisticPageV1',
        'SigningStatisticWithdrawResultV1',
        'ReconciliationRunResultV1',
        'ReconciliationDifferencePageV1',
        'AlertPageV1',
        'AlertDetailV1',
        'AlertHistoryEntryV1',
        'AcceptanceBackfillPageV1',
        'VerifyResultV1',
        'PublicPresaleSummaryV1',
        'InclusionProofV1',
        'ConsistencyProofV1',
        'JwksV1',
      ]),
    );
  });

  it('keeps the examples, enums and nullable fields of the permit, presale, filing and verification replies', () => {
    const props = (name: string): Record<string, Schema & Record<string, unknown>> =>
      (schemas()[name]?.properties ?? {}) as Record<string, Schema & Record<string, unknown>>;
    expect(props('ConstructionPermitV1')['permitNumber']?.example).toBe('430223202406200101');
    expect(props('ConstructionPermitV1')['projectType']).toMatchObject({
      enum: ['PRESALE', 'CURRENT_SALE', 'OTHER', null], // OpenAPI 3.0.3: a nullable enum lists null
      nullable: true,
    });
    expect(props('ConstructionPermitV1')['startDate']).toMatchObject({ type: 'string', nullable: true });
    expect(props('PresalePermitV1')['chainToken']?.example).toMatch(/^AQAs/);
    expect(props('PresalePermitV1')['fundSupervision']).toMatchObject({ nullable: true });
    expect(props('ContractFilingV1')['buyers']?.items?.oneOf).toEqual([
      { $ref: '#/components/schemas/PersonBuyerRecordV1' },
      { $ref: '#/components/schemas/OrganizationBuyerRecordV1' },
    ]);
    expect(props('PersonBuyerRecordV1')['idNumber']?.example).toBe('430223********1235');
    expect(props('VerifyResultV1')['code']?.['enum']).not.toContain('SERVICE_UNAVAILABLE');
    expect(props('VerifyResultV1')['status']?.['enum']).toEqual(
      expect.arrayContaining(['VALID', 'TEST', 'DRAFT', 'WITHDRAWN', 'CORRECTED', 'INVALID', 'NOT_FOUND']),
    );
  });

  it('keeps the examples of the escrow record reply', () => {
    const record = schemas()['EscrowRecordV1']!;
    expect(record.properties?.['presaleNumber']?.example).toBe('430223202306150101-Z01');
    expect(record.properties?.['balance']?.example).toBe(8_765_432_100);
    expect(record.properties?.['capitalGuaranteeAmount']).toMatchObject({ example: null, nullable: true });
    expect(record.properties?.['state']).toMatchObject({ enum: ['DRAFT', 'SUBMITTED'] });
  });
});
