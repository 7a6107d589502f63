import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { canonicalJson, recordDigest } from './canonical-json';

describe(canonicalJson.name, () => {
  it('sorts keys recursively and writes no whitespace 键递归排序、无空白', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('keeps array order and writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([0.1, 1e21, -0, 12345.67, 1e-7])).toBe('[0.1,1e+21,0,12345.67,1e-7]');
    expect(canonicalJson('攸县 "quoted" \n \u2028')).toBe(JSON.stringify('攸县 "quoted" \n \u2028'));
  });

  it('sorts keys by UTF-16 code units (as RFC 8785) 按 UTF-16 码元排序', () => {
    expect(canonicalJson({ '\uffff': 1, '\ud83d\ude00': 2, a: 3, B: 4, 县: 5 })).toBe(
      '{"B":4,"a":3,"县":5,"\ud83d\ude00":2,"\uffff":1}',
    );
  });

  it('omits undefined members and honours toJSON (Date → ISO string)', () => {
    expect(canonicalJson({ a: undefined, b: new Date(Date.UTC(2024, 7, 1)) })).toBe('{"b":"2024-08-01T00:00:00.000Z"}');
  });

  it('refuses what JSON cannot say unambiguously 拒绝无法无歧义表示的值', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const bad of [
      Number.NaN,
      Infinity,
      1n,
      () => 1,
      Symbol('s'),
      undefined,
      [undefined],
      new Map(),
      new Set([1]),
      new Uint8Array(2),
      cyclic,
      { a: { b: Number.NaN } },
    ]) {
      expect(() => canonicalJson(bad)).toThrow(TypeError);
    }
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('does not depend on key insertion order and parses back to the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe(recordDigest.name, () => {
  it('is the first 16 bytes of SHA-256 of the canonical JSON 记录摘要', () => {
    expect(recordDigest({}).equals(createHash('sha256').update('{}').digest().subarray(0, 16))).toBe(true);
    expect(
      recordDigest({ b: 2, a: '县' }).equals(
        createHash('sha256').update('{"a":"县","b":2}', 'utf8').digest().subarray(0, 16),
      ),
    ).toBe(true);
    expect(recordDigest({})).toHaveLength(16);
  });

  it('is the same for the same record in any key order, and differs when a value changes', () => {
    expect(recordDigest({ a: 1, b: [1, 2] }).equals(recordDigest({ b: [1, 2], a: 1 }))).toBe(true);
    expect(recordDigest({ a: 1, b: [1, 2] }).equals(recordDigest({ a: 1, b: [2, 1] }))).toBe(false);
  });
});
