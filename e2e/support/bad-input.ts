/**
 * Bad requests generated from the gateway's own OpenAPI document: for every operation a valid base
 * request is built from the documented examples, then each input class is applied to every field,
 * query parameter and path parameter in turn (see BadRequest.kind).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  type?: string;
  example?: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  readOnly?: boolean;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  example?: unknown;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: Array<Record<string, string[]>>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface BadRequest {
  operation: string;
  /** the input class, e.g. nul, surrogate, control, wrong-type, unknown-field, oversize, huge-number */
  kind: string;
  /** the field, query or path parameter the class was applied to, when it is field-level */
  field?: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** staff (ADMIN: supervision, audit, admin, account applications), a CITY or PROVINCE account, integrator, or none (public, token, login) */
  auth: 'staff' | 'city' | 'province' | 'integrator' | 'none';
}

/** Staff routes only a city may call (附件2 drafts): swept with a CITY account's token. */
const CITY_OPERATIONS = new Set([
  'POST /api/v1/account-applications',
  'PUT /api/v1/account-applications/{applicationId}',
  'POST /api/v1/account-applications/{applicationId}/submit',
  // 营商环境考核申诉: county or city staff
  'POST /api/v1/statistics/assessment/appeals',
]);

/** Staff routes only the province may call (the decision of an assessment appeal): swept with a PROVINCE account. */
const PROVINCE_OPERATIONS = new Set([
  'POST /api/v1/statistics/assessment/appeals/{appealId}/decision',
  'POST /api/v1/statistics/digests/generate',
]);

const PDF = Buffer.from('%PDF-1.4\n% sweep\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
/** Placeholder replaced in the JSON text by a raw number literal JSON.stringify cannot write. */
const RAW = '\u0091RAW\u0091';

/** Path parameters without a usable example in the document. */
const PATH_DEFAULTS: Record<string, string> = {
  token: 'TEST',
  month: '2024-07',
  differenceId: '00000000-0000-4000-8000-000000000001',
  id: '00000000-0000-4000-8000-000000000002', // approval applications and account applications: a well-formed id
};

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 10; i++) {
    if (s.$ref) s = doc.components.schemas[s.$ref.split('/').pop()!] ?? {};
    else if (s.allOf?.length === 1 && !s.properties) s = { ...s.allOf[0], ...s, allOf: undefined };
    else break;
  }
  return s;
}

/** A valid example value for a schema: its example, else one built from its (writable) properties. */
export function exampleOf(doc: OpenApiDocument, schema: Schema | undefined): Json {
  const s = resolve(doc, schema);
  if (s.example !== undefined) return s.example as Json;
  if (s.oneOf?.length) return exampleOf(doc, s.oneOf[0]);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((part) => exampleOf(doc, part) as object)) as Json;
  if (s.enum?.length) return s.enum[0] as Json;
  // readOnly properties are never sent in a request (OpenAPI), e.g. the 承诺函 the gateway sets from a multipart scan
  if (s.properties)
    return Object.fromEntries(
      Object.entries(s.properties)
        .filter(([, v]) => !v.readOnly && !resolve(doc, v).readOnly)
        .map(([k, v]) => [k, exampleOf(doc, v)]),
    );
  if (s.type === 'array') return [exampleOf(doc, s.items)];
  if (s.type === 'number' || s.type === 'integer') return 1;
  if (s.type === 'boolean') return true;
  return s.format === 'date' ? '2024-06-28' : 'x';
}

/** Every value in a JSON document with its path (`developer.name`, `buildings[0]`). */
function leaves(value: Json, path = ''): Array<{ path: string; value: Json }> {
  const out: Array<{ path: string; value: Json }> = path ? [{ path, value }] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...leaves(v, `${path}[${i}]`)));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...leaves(v, path ? `${path}.${k}` : k));
  return out;
}

function setAt(root: Json, path: string, value: Json): Json {
  const copy = structuredClone(root);
  const keys = path.match(/[^.[\]]+/g)!;
  let node = copy as Record<string, Json>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, Json>;
  node[keys[keys.length - 1]!] = value;
  return copy;
}

/** The field-level classes for one value of a body, as [kind, replacement]. */
function fieldMutations(value: Json): Array<[string, Json]> {
  if (typeof value === 'string') {
    return [
      ['nul', 'a\u0000b'],
      ['lone-surrogate', '\ud800x'],
      ['control-soh', 'a\u0001b'],
      ['control-esc', '\u001b[31m红\u001b[0m'],
      ['control-newline', '第一行\n第二行'],
      ['wrong-type', 12345],
      ['oversize', 'x'.repeat(70_000)],
      ['too-long', '长'.repeat(5_000)],
    ];
  }
  if (typeof value === 'number')
    return [
      ['wrong-type', '12'],
      ['huge-number', RAW],
      ['huge-float', 1e300],
    ];
  if (typeof value === 'boolean') return [['wrong-type', 'true']];
  if (Array.isArray(value))
    return [
      ['wrong-type', { a: 1 }],
      ['oversize-array', new Array<Json>(10_001).fill(typeof value[0] === 'object' ? 1 : (value[0] ?? 'x'))],
    ];
  if (value !== null)
    return [
      ['wrong-type', 'x'],
      ['unknown-nested-field', { ...value, unexpectedField: 1 }],
    ];
  return [];
}

const jsonText = (value: Json): string =>
  JSON.stringify(value).replace(JSON.stringify(RAW), '123456789012345678901234567890');

/** Body-level classes: the same for every JSON operation. */
const BODY_LEVEL: Array<[string, (base: Json) => string]> = [
  ['malformed-json', (base) => jsonText(base).slice(0, -1)],
  ['deep-nesting', () => '['.repeat(500_000) + ']'.repeat(500_000)],
  ['proto-key', (base) => `{"__proto__":{"isAdmin":true},${jsonText(base).slice(1)}`],
  ['constructor-key', (base) => `{"constructor":{"prototype":{"isAdmin":true}},${jsonText(base).slice(1)}`],
  ['root-array', (base) => `[${jsonText(base)}]`],
  ['root-string', () => '"x"'],
];

function multipartBody(
  data: string | null,
  boundary: string,
  dataHeaders = 'Content-Disposition: form-data; name="data"',
): Buffer {
  const parts: Buffer[] = [];
  if (data !== null) parts.push(Buffer.from(`--${boundary}\r\n${dataHeaders}\r\n\r\n${data}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="scan"; filename="scan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return Buffer.concat(parts);
}

export function generateBadRequests(doc: OpenApiDocument): { requests: BadRequest[]; operations: string[] } {
  const requests: BadRequest[] = [];
  const operations: string[] = [];
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const operation = `${method.toUpperCase()} ${template}`;
      operations.push(operation);
      const auth: BadRequest['auth'] = !op.security?.length
        ? 'none'
        : CITY_OPERATIONS.has(operation)
          ? 'city'
          : PROVINCE_OPERATIONS.has(operation)
            ? 'province'
            : // the document says who may call: an integrator when an oauth2 alternative is listed, else staff
              op.security.some((alternative) => 'oauth2' in alternative)
              ? 'integrator'
              : 'staff';
      const params = op.parameters ?? [];
      const pathValues = Object.fromEntries(
        params
          .filter((p) => p.in === 'path')
          .map((p) => [p.name, String(p.example ?? p.schema?.example ?? PATH_DEFAULTS[p.name] ?? 'x')]),
      );
      const query = Object.fromEntries(
        params
          .filter((p) => p.in === 'query' && (p.required || p.example !== undefined))
          .map((p) => [p.name, String(p.example ?? p.schema?.example ?? 'x')]),
      );
      const headers: Record<string, string> = Object.fromEntries(
        params
          .filter((p) => p.in === 'header')
          .map((p) => [p.name.toLowerCase(), `sweep-${String(p.example ?? 'key')}`]),
      );
      const url = (pv: Record<string, string>, q: Record<string, string>, raw: Record<string, string> = {}): string => {
        const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => raw[name] ?? encodeURIComponent(pv[name]!));
        const qs = Object.entries(q)
          .map(([k, v]) => `${encodeURIComponent(k)}=${raw[`?${k}`] ?? encodeURIComponent(v)}`)
          .join('&');
        return qs ? `${path}?${qs}` : path;
      };
      const content = op.requestBody?.content ?? {};
      const jsonSchema = content['application/json']?.schema;
      const multipartSchema = content['multipart/form-data']?.schema;
      const base = jsonSchema ? exampleOf(doc, jsonSchema) : null;
      const jsonHeaders = jsonSchema ? { ...headers, 'content-type': 'application/json' } : headers;
      const baseBody = base === null ? undefined : jsonText(base);
      const add = (kind: string, field: string | undefined, path: string, extra: Partial<BadRequest> = {}): void =>
        void requests.push({
          operation,
          kind,
          field,
          method: method.toUpperCase(),
          path,
          headers: jsonHeaders,
          body: baseBody,
          auth,
          ...extra,
        });

      for (const name of Object.keys(pathValues)) {
        add('nul', name, url(pathValues, query, { [name]: 'a%00b' }));
        add('control-esc', name, url(pathValues, query, { [name]: '%1B%5B31m' }));
        add('bad-url', undefined, url(pathValues, query, { [name]: '%ZZ' }));
        add('over-long-param', undefined, url(pathValues, query, { [name]: 'x'.repeat(600) }));
      }
      for (const p of params.filter((x) => x.in === 'query')) {
        const q = { ...query, [p.name]: query[p.name] ?? 'x' };
        add('nul', p.name, url(pathValues, q, { [`?${p.name}`]: 'a%00b' }));
        add('control-soh', p.name, url(pathValues, q, { [`?${p.name}`]: 'a%01b' }));
        add('too-long', p.name, url(pathValues, q, { [`?${p.name}`]: 'x'.repeat(5_000) }));
      }
      if (params.some((p) => p.in === 'query'))
        add('unknown-query', 'unexpectedParam', url(pathValues, { ...query, unexpectedParam: '1' }));

      if (base !== null) {
        const target = url(pathValues, query);
        for (const [kind, make] of BODY_LEVEL) add(kind, undefined, target, { body: make(base) });
        if (typeof base === 'object' && !Array.isArray(base))
          add('unknown-field', 'unexpectedField', target, { body: jsonText({ ...base, unexpectedField: 1 }) });
        for (const leaf of leaves(base))
          for (const [kind, replacement] of fieldMutations(leaf.value))
            add(kind, leaf.path, target, { body: jsonText(setAt(base, leaf.path, replacement)) });
      }
      if (multipartSchema) {
        const target = url(pathValues, query);
        const dataSchema = resolve(doc, multipartSchema).properties?.['data'];
        // the JSON part: its schema with an example object (OpenAPI 3.0 encoding), or a JSON text example
        const dataExample = dataSchema ? exampleOf(doc, dataSchema) : null;
        const data = typeof dataExample === 'string' ? (JSON.parse(dataExample) as Json) : dataExample;
        const boundary = 'sweepBoundary7MA4YWxkTrZu0gW';
        const form = (text: string | null): Partial<BadRequest> => ({
          headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
          body: multipartBody(text, boundary),
        });
        const whole = multipartBody(data === null ? null : jsonText(data), boundary);
        add('multipart-no-boundary', undefined, target, {
          headers: { ...headers, 'content-type': 'multipart/form-data' },
          body: whole,
        });
        add('multipart-truncated', undefined, target, {
          headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
          body: whole.subarray(0, Math.floor(whole.length / 2)),
        });
        add('multipart-no-parts', undefined, target, {
          headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
          body: Buffer.from(`--${boundary}--\r\n`),
        });
        add('multipart-unexpected-part', undefined, target, {
          ...form(null),
          body: Buffer.concat([
            Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="extra"\r\n\r\nx\r\n`),
            multipartBody(null, boundary),
          ]),
        });
        if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
          const text = jsonText(data);
          add('proto-key', '__proto__', target, form(`{"__proto__":{"isAdmin":true},${text.slice(1)}`));
          add(
            'constructor-key',
            'constructor',
            target,
            form(`{"constructor":{"prototype":{"isAdmin":true}},${text.slice(1)}`),
          );
          add('malformed-json', undefined, target, form(text.slice(0, -1)));
          add('deep-nesting', undefined, target, form('['.repeat(100_000) + ']'.repeat(100_000)));
          add('unknown-field', 'unexpectedField', target, form(jsonText({ ...data, unexpectedField: 1 })));
          for (const leaf of leaves(data)) {
            for (const [kind, replacement] of fieldMutations(leaf.value)) {
              if (kind === 'oversize' || kind === 'oversize-array') continue; // the data part is limited to 256 KB (413 either way)
              add(kind, leaf.path, target, form(jsonText(setAt(data, leaf.path, replacement))));
            }
          }
        }
      }
    }
  }
  return { requests, operations };
}
