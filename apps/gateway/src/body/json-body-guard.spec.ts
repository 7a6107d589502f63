import { DomainException } from '@hn/errors';
import { inspectJsonValue, JSON_MAX_DEPTH, jsonDepth, parseGuardedJson } from './json-body-guard';
import { requestPartErrors } from './guarded-body-parsers';

const problemOf = (fn: () => unknown): DomainException['problem'] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainException) return err.problem;
    throw err;
  }
  throw new Error('expected a DomainException');
};

describe('jsonDepth', () => {
  it('counts nesting outside strings only, brackets inside strings and escapes ignored', () => {
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[[\\"[[["}')).toBe(1);
    expect(jsonDepth('"x"')).toBe(0);
  });

  // 500,000 levels would overflow the stack of a recursive walk; the answer is the limit + 1, not 500,000
  it('stops at the limit: 500,000 nested arrays (1 MB) are measured without recursion', () => {
    const text = '['.repeat(500_000) + ']'.repeat(500_000);
    expect(jsonDepth(text)).toBe(JSON_MAX_DEPTH + 1);
  });
});

describe('parseGuardedJson', () => {
  it('passes ordinary JSON through, TAB/LF allowed in free text, pairs of surrogates allowed', () => {
    expect(parseGuardedJson('{"name":"锦绣星城 𠀀","remark":"第一行\\n第二行\\t"}')).toEqual({
      name: '锦绣星城 𠀀',
      remark: '第一行\n第二行\t',
    });
  });

  it('refuses nesting deeper than 32 with BODY_TOO_DEEP before parsing', () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000);
    expect(problemOf(() => parseGuardedJson(deep))).toMatchObject({
      status: 400,
      code: 'BODY_TOO_DEEP',
      errors: [{ field: 'body' }],
    });
    expect(() => parseGuardedJson('['.repeat(32) + ']'.repeat(32))).not.toThrow();
  });

  it('names the field holding NUL, a lone surrogate or a control character', () => {
    expect(problemOf(() => parseGuardedJson('{"client_id":"a\\u0000b"}'))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'client_id' }],
    });
    expect(problemOf(() => parseGuardedJson('{"developer":{"name":"\\ud800x"}}')).errors).toEqual([
      { field: 'developer.name', reason: expect.stringContaining('lone surrogate U+D800') },
    ]);
    expect(problemOf(() => parseGuardedJson('{"buildings":["1#","2#\\u001b[31m"]}')).errors).toEqual([
      { field: 'buildings[1]', reason: expect.stringContaining('U+001B') },
    ]);
    expect(problemOf(() => parseGuardedJson('{"a":"\\udc00"}')).errors?.[0]?.field).toBe('a');
  });

  it('refuses __proto__, constructor and prototype keys at any depth', () => {
    expect(problemOf(() => parseGuardedJson('{"__proto__":{"admin":true}}')).errors).toEqual([
      { field: '__proto__', reason: expect.stringContaining('forbidden key') },
    ]);
    expect(problemOf(() => parseGuardedJson('{"a":[{"constructor":{"prototype":{}}}]}')).errors?.[0]?.field).toBe(
      'a[0].constructor',
    );
    expect(problemOf(() => parseGuardedJson('{"x":{"prototype":1}}')).errors?.[0]?.field).toBe('x.prototype');
  });

  it('refuses numbers beyond 2^53 and malformed JSON', () => {
    expect(problemOf(() => parseGuardedJson('{"amountFen":1e400}')).errors?.[0]?.field).toBe('amountFen');
    expect(problemOf(() => parseGuardedJson('{"n":123456789012345678901234567890}')).errors?.[0]?.field).toBe('n');
    expect(problemOf(() => parseGuardedJson('{"a":'))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'body', reason: 'malformed JSON' }],
    });
  });

  it('answers 413 for arrays and strings larger than any route takes', () => {
    expect(problemOf(() => parseGuardedJson(JSON.stringify({ unitCodes: new Array(10_001).fill('A') })))).toMatchObject(
      { status: 413, code: 'PAYLOAD_TOO_LARGE', errors: [{ field: 'unitCodes' }] },
    );
    expect(problemOf(() => parseGuardedJson(JSON.stringify({ name: 'x'.repeat(70_000) })))).toMatchObject({
      status: 413,
      errors: [{ field: 'name' }],
    });
  });
});

describe('inspectJsonValue', () => {
  it('flags values nested deeper than the limit even when already parsed', () => {
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(inspectJsonValue(value).tooDeep).toBe(true);
  });
});

describe('requestPartErrors', () => {
  it('names query and path parameters holding NUL or control characters (TAB and LF included)', () => {
    expect(requestPartErrors({ query: { projectName: 'a\u0000b', page: '1' }, params: {} })).toEqual([
      { field: 'projectName', reason: expect.stringContaining('NUL') },
    ]);
    expect(
      requestPartErrors({ query: { q: ['ok', 'x\ty'] }, params: { permitNumber: '\ud800' } }).map((e) => e.field),
    ).toEqual(['permitNumber', 'q']);
    expect(
      requestPartErrors({ query: { projectName: '锦绣星城' }, params: { permitNumber: '430223202406200101' } }),
    ).toEqual([]);
  });
});
