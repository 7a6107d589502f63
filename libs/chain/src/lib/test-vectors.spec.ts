import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyChainToken } from './chain-token';
import { parseCheckpoint } from './checkpoint';
import { verifyConsistency, verifyInclusion } from './merkle';
import { verifyNote } from './signed-note';
import { publicKeyFromJwk } from './signing-key';
import { chainTestVectors, renderTestVectorsMarkdown, TEST_VECTOR_KEY_NAME } from './test-vectors';

const DOC = join(__dirname, '../../../../docs/chain-token.md');
const BEGIN = '<!-- test-vectors:begin -->\n';
const END = '\n<!-- test-vectors:end -->';

describe(renderTestVectorsMarkdown.name, () => {
  it('docs/chain-token.md prints exactly the vectors the code produces 文档中的测试向量与代码一致', () => {
    const doc = readFileSync(DOC, 'utf8');
    const from = doc.indexOf(BEGIN);
    const to = doc.indexOf(END);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(to).toBeGreaterThan(from);
    // On failure: paste the received text between the markers (it is deterministic).
    expect(doc.slice(from + BEGIN.length, to)).toBe(renderTestVectorsMarkdown());
  });

  it('is deterministic 确定性', () => {
    expect(renderTestVectorsMarkdown()).toBe(renderTestVectorsMarkdown());
  });

  it('are self-consistent: the token verifies with the printed JWK, the proofs with the printed roots, the note with the key 向量自洽', () => {
    const { values, checkpointNote } = chainTestVectors();
    const v = new Map(values);
    const get = (name: string) => {
      const value = v.get(name);
      if (value === undefined) throw new Error(`missing vector ${name}`);
      return value;
    };
    const hashes = (name: string) =>
      get(name)
        .split(',')
        .map((h) => Buffer.from(h, 'hex'));
    const { keyId, publicKey } = publicKeyFromJwk(JSON.parse(get('JWK')));
    const keys = new Map([[keyId, publicKey]]);
    const result = verifyChainToken(get('token (base64url)'), keys);
    expect(result).toMatchObject({
      valid: true,
      claims: {
        presaleNumber: '430223202406200101-Y01',
        issueDate: '2024-08-01',
        logIndex: 10_000_000,
        sandbox: false,
      },
    });
    expect(result.valid && result.claims.recordDigest.toString('hex')).toBe(get('recordDigest'));
    expect(verifyChainToken(get('sandbox token (logIndex 0)'), keys)).toMatchObject({
      valid: true,
      claims: { logIndex: 0, sandbox: true },
    });

    const leaves = [0, 1, 2].map((i) => Buffer.from(get(`leaf hash ${i}`), 'hex'));
    const root3 = Buffer.from(get('root size 3'), 'hex');
    const root2 = Buffer.from(get('root size 2'), 'hex');
    expect(verifyInclusion(leaves[0], 0, 3, hashes('inclusion proof index 0 size 3'), root3)).toBe(true);
    expect(verifyInclusion(leaves[2], 2, 3, hashes('inclusion proof index 2 size 3'), root3)).toBe(true);
    expect(verifyConsistency(2, 3, root2, root3, hashes('consistency proof 2 -> 3'))).toBe(true);

    const note = verifyNote(checkpointNote, TEST_VECTOR_KEY_NAME, publicKey);
    expect(note.valid).toBe(true);
    expect(parseCheckpoint(note.body ?? '')).toEqual({ origin: TEST_VECTOR_KEY_NAME, size: 3, rootHash: root3 });
  });
});
