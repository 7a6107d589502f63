import { CHAIN_TOKEN_EXAMPLE } from './presale-permit.message';
import {
  ConsistencyProofRequest,
  InclusionProofRequest,
  proofRequestProblem,
  VerifyRequest,
} from './public-verification.message';
import { InvalidPayloads } from './validation/invalid-payload';
import { validateMessage } from './validation/validate-message';

const errorsOf = async (type: new () => object, value: unknown) => {
  const r = await validateMessage(type, value);
  return r.ok ? [] : r.errors;
};
const fieldsOf = async (type: new () => object, value: unknown) => (await errorsOf(type, value)).map((e) => e.field);

describe(VerifyRequest.name, () => {
  it('takes a base64url or base32 token of 1–400 characters', async () => {
    expect(await fieldsOf(VerifyRequest, { token: CHAIN_TOKEN_EXAMPLE })).toEqual([]);
    expect(await fieldsOf(VerifyRequest, { token: 'ABCDEFGHIJ234567' })).toEqual([]);
  });

  it('refuses a missing, empty, too long or non-token text, and unknown fields', async () => {
    for (const token of [undefined, '', 'a'.repeat(401), 'ab+cd', 1])
      expect(await fieldsOf(VerifyRequest, { token })).toEqual(['token']);
    expect(await fieldsOf(VerifyRequest, { token: 'abc', t: 'x' })).toEqual(['t']);
  });
});

describe(InclusionProofRequest.name, () => {
  it('takes the sizes as query digits or numbers and gives numbers', async () => {
    expect(await validateMessage(InclusionProofRequest, { index: '0', treeSize: '1' })).toMatchObject({
      ok: true,
      value: { index: 0, treeSize: 1 },
    });
    expect(await validateMessage(InclusionProofRequest, { index: 4, treeSize: 9 })).toMatchObject({
      ok: true,
      value: { index: 4, treeSize: 9 },
    });
  });

  it('refuses what is not a non-negative integer (400 VALIDATION_FAILED)', async () => {
    for (const index of ['-1', 'a', '1.5', '', 1.5, -1, '1234567890123456', undefined]) {
      const errors = await errorsOf(InclusionProofRequest, { index, treeSize: '2' });
      expect(errors).toEqual([{ field: 'index', reason: 'index 须为非负整数 (non-negative integer)' }]);
      expect(InvalidPayloads.proofRequest(errors)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    }
    expect(await fieldsOf(InclusionProofRequest, { treeSize: '2' })).toEqual(['index']);
    expect(await fieldsOf(InclusionProofRequest, { index: '0' })).toEqual(['treeSize']);
  });

  it('answers an index not below treeSize 400 INVALID_PROOF_REQUEST', async () => {
    const errors = await errorsOf(InclusionProofRequest, { index: '5', treeSize: '3' });
    expect(errors).toEqual([{ field: 'index', reason: 'index 5 ≥ treeSize 3' }]);
    expect(InvalidPayloads.proofRequest(errors)).toEqual({
      status: 400,
      code: 'INVALID_PROOF_REQUEST',
      detail: '证明请求无效：index 须小于 treeSize (index must be less than treeSize)',
    });
    // with an unknown parameter beside it, the query itself is invalid
    const extra = await errorsOf(InclusionProofRequest, { index: '5', treeSize: '3', x: '1' });
    expect(extra.map((e) => e.field)).toEqual(['x', 'index']);
    expect(proofRequestProblem(extra)).toBeNull();
  });
});

describe(ConsistencyProofRequest.name, () => {
  it('takes 1 ≤ first ≤ second', async () => {
    expect(await validateMessage(ConsistencyProofRequest, { first: '1', second: '1' })).toMatchObject({
      ok: true,
      value: { first: 1, second: 1 },
    });
  });

  it('answers sizes out of order 400 INVALID_PROOF_REQUEST, non-integers 400 VALIDATION_FAILED', async () => {
    for (const [first, second, reason] of [
      ['0', '2', 'first 0 < 1'],
      ['3', '2', 'first 3 > second 2'],
    ]) {
      const errors = await errorsOf(ConsistencyProofRequest, { first, second });
      expect(errors).toEqual([{ field: 'first', reason }]);
      expect(InvalidPayloads.proofRequest(errors)).toEqual({
        status: 400,
        code: 'INVALID_PROOF_REQUEST',
        detail: '证明请求无效：须 1 ≤ first ≤ second (1 ≤ first ≤ second)',
      });
    }
    const errors = await errorsOf(ConsistencyProofRequest, { first: '1', second: 'x' });
    expect(errors).toEqual([{ field: 'second', reason: 'second 须为正整数 (positive integer)' }]);
    expect(InvalidPayloads.proofRequest(errors)).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await fieldsOf(ConsistencyProofRequest, { first: '1' })).toEqual(['second']);
  });
});
