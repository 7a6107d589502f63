import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  MerkleTree,
  nodeHash,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

// ---------------------------------------------------------------------------------------------
// Independent reference, written straight from the definitions of RFC 6962 §2.1 (recursive,
// no caching, no code shared with merkle.ts). D is the list of entries (not leaf hashes).
// 独立参考实现：逐字按 RFC 6962 §2.1 定义递归实现。
// ---------------------------------------------------------------------------------------------
function refSha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** k: the largest power of two smaller than n (n > 1). */
function refK(n: number): number {
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return k;
}

/** MTH(D[n]). */
function refMth(d: Buffer[]): Buffer {
  if (d.length === 0) return refSha256();
  if (d.length === 1) return refSha256(Buffer.from([0x00]), d[0]);
  const k = refK(d.length);
  return refSha256(Buffer.from([0x01]), refMth(d.slice(0, k)), refMth(d.slice(k)));
}

/** PATH(m, D[n]). */
function refPath(m: number, d: Buffer[]): Buffer[] {
  if (d.length === 1) return [];
  const k = refK(d.length);
  if (m < k) return [...refPath(m, d.slice(0, k)), refMth(d.slice(k))];
  return [...refPath(m - k, d.slice(k)), refMth(d.slice(0, k))];
}

/** SUBPROOF(m, D[n], b). */
function refSubproof(m: number, d: Buffer[], b: boolean): Buffer[] {
  if (m === d.length) return b ? [] : [refMth(d)];
  const k = refK(d.length);
  if (m <= k) return [...refSubproof(m, d.slice(0, k), b), refMth(d.slice(k))];
  return [...refSubproof(m - k, d.slice(k), false), refMth(d.slice(0, k))];
}

/** PROOF(m, D[n]), 0 < m < n. */
function refProof(m: number, d: Buffer[]): Buffer[] {
  return refSubproof(m, d, true);
}

/**
 * The "shape" of PATH(m, D[n]): for each proof element, leaf to root, whether the sibling sits to
 * the Right or to the Left. A verifier given (m, n) combines exactly in this order, so a proof made
 * for (m, n) can only verify under (m', n') if the shapes are equal (the root does not commit to n).
 */
function refInclusionShape(m: number, n: number): string {
  if (n === 1) return '';
  const k = refK(n);
  return m < k ? `${refInclusionShape(m, k)}R` : `${refInclusionShape(m - k, n - k)}L`;
}

/**
 * The shape of PROOF(m, D[n]): whether the walk starts from the old root itself (SUBPROOF(m, D[m],
 * true) = {}) or from the first element, then R/L per element as above.
 */
function refConsistencyShape(m: number, n: number, b = true): string {
  if (m === n) return b ? 'old-root:' : 'element:';
  const k = refK(n);
  return m <= k ? `${refConsistencyShape(m, k, b)}R` : `${refConsistencyShape(m - k, n - k, false)}L`;
}

// ---------------------------------------------------------------------------------------------

// The exhaustive checks below run a few hundred thousand verifications; allow for a busy machine.
jest.setTimeout(60_000);

const MAX_N = 64;
/** Entries of varied lengths (0..41 bytes), all distinct: entry 0 is empty, entry i starts with byte i. */
const entries = Array.from({ length: MAX_N + 1 }, (_, i) =>
  i === 0
    ? Buffer.alloc(0)
    : Buffer.concat([Buffer.from([i]), refSha256(Buffer.from(`entry ${i}`)).subarray(0, i % 41)]),
);
const leaves = entries.map(leafHash);
const refRoots = Array.from({ length: MAX_N + 2 }, (_, n) => refMth(entries.slice(0, n)));
const tree = new MerkleTree(leaves.slice(0, MAX_N + 1));

const hex = (list: Buffer[]) => list.map((b) => b.toString('hex'));
const flipBit = (b: Buffer, bit: number) => {
  const copy = Buffer.from(b);
  copy[bit >> 3] ^= 1 << (bit & 7);
  return copy;
};
const OTHER_HASH = refSha256(Buffer.from('not in the tree'));

// Certificate Transparency reference vectors (RFC 6962 test data used by CT implementations).
const CT_ENTRIES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => Buffer.from(h, 'hex'));
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION: [number, number, string[]][] = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];
const CT_CONSISTENCY: [number, number, string[]][] = [
  [
    2,
    8,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

describe(leafHash.name, () => {
  it('is SHA-256(0x00 || entry) 叶子哈希', () => {
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(CT_ROOTS[1]);
    for (const e of entries) expect(leafHash(e).equals(refSha256(Buffer.from([0]), e))).toBe(true);
  });
});

describe(nodeHash.name, () => {
  it('is SHA-256(0x01 || left || right) 节点哈希', () => {
    expect(nodeHash(leaves[0], leaves[1]).equals(refSha256(Buffer.from([1]), leaves[0], leaves[1]))).toBe(true);
  });

  it('refuses children that are not 32-byte hashes', () => {
    expect(() => nodeHash(Buffer.alloc(31), leaves[0])).toThrow(TypeError);
    expect(() => nodeHash(leaves[0], Buffer.alloc(33))).toThrow(TypeError);
  });
});

describe(rootFromLeafHashes.name, () => {
  it('matches the Certificate Transparency reference roots for the 8 CT leaves (sizes 0..8) CT 参考向量', () => {
    const ctLeaves = CT_ENTRIES.map(leafHash);
    for (let n = 0; n <= 8; n++) expect(rootFromLeafHashes(ctLeaves.slice(0, n)).toString('hex')).toBe(CT_ROOTS[n]);
    expect(rootFromLeafHashes(ctLeaves).toString('hex')).toBe(
      '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
    );
  });

  it('equals the reference MTH for every n <= 64, and so does MerkleTree.root(n) 与参考实现一致', () => {
    for (let n = 0; n <= MAX_N; n++) {
      expect(rootFromLeafHashes(leaves.slice(0, n)).equals(refRoots[n])).toBe(true);
      expect(tree.root(n).equals(refRoots[n])).toBe(true);
    }
  });

  it('refuses leaf hashes that are not 32 bytes', () => {
    expect(() => rootFromLeafHashes([Buffer.alloc(31)])).toThrow(TypeError);
  });
});

describe(inclusionProof.name, () => {
  it('matches the CT reference inclusion proofs', () => {
    const ctLeaves = CT_ENTRIES.map(leafHash);
    for (const [index, size, proof] of CT_INCLUSION) {
      expect(hex(inclusionProof(ctLeaves, index, size))).toEqual(proof);
      expect(
        verifyInclusion(
          ctLeaves[index],
          index,
          size,
          proof.map((h) => Buffer.from(h, 'hex')),
          Buffer.from(CT_ROOTS[size], 'hex'),
        ),
      ).toBe(true);
    }
  });

  it('equals PATH(m, D[n]) of the reference for all n <= 64 and all m < n, and verifies 与参考实现一致并可验证', () => {
    const failures: string[] = [];
    let count = 0;
    for (let n = 1; n <= MAX_N; n++) {
      for (let m = 0; m < n; m++) {
        const expected = hex(refPath(m, entries.slice(0, n))).join();
        const fromFunction = inclusionProof(leaves, m, n);
        if (hex(fromFunction).join() !== expected) failures.push(`inclusionProof(${m},${n})`);
        if (hex(tree.inclusionProof(m, n)).join() !== expected) failures.push(`tree.inclusionProof(${m},${n})`);
        if (!verifyInclusion(leaves[m], m, n, fromFunction, refRoots[n])) failures.push(`verifyInclusion(${m},${n})`);
        count++;
      }
    }
    expect(failures).toEqual([]);
    expect(count).toBe((MAX_N * (MAX_N + 1)) / 2);
  });

  it('refuses an index outside the tree or a size beyond the leaves', () => {
    expect(() => inclusionProof(leaves, 3, 3)).toThrow(RangeError);
    expect(() => inclusionProof(leaves, -1, 3)).toThrow(RangeError);
    expect(() => inclusionProof(leaves.slice(0, 4), 0, 5)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, tree.size + 1)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0.5, 4)).toThrow(RangeError);
  });
});

describe(verifyInclusion.name, () => {
  it('rejects every mutation of every proof for all n <= 64 (flipped bit, dropped, added or swapped element, wrong leaf, root or index) 任何篡改都失败', () => {
    const accepted: string[] = []; // mutations that verified (must stay empty)
    let checked = 0;
    for (let n = 1; n <= MAX_N; n++) {
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        const root = refRoots[n];
        const mustFail = (what: string, p: Buffer[], index = m, size = n, leaf = leaves[m], r = root) => {
          checked++;
          if (verifyInclusion(leaf, index, size, p, r)) accepted.push(`(${m},${n}) ${what}`);
        };
        proof.forEach((_, i) => {
          for (const bit of [0, (i * 37 + m + n) % 256, 255])
            mustFail(
              `flip bit ${bit} of element ${i}`,
              proof.map((p, j) => (j === i ? flipBit(p, bit) : p)),
            );
          mustFail(
            `drop element ${i}`,
            proof.filter((_, j) => j !== i),
          );
          if (i + 1 < proof.length)
            mustFail(`swap ${i},${i + 1}`, [...proof.slice(0, i), proof[i + 1], proof[i], ...proof.slice(i + 2)]);
        });
        for (let at = 0; at <= proof.length; at++) {
          mustFail(`add element at ${at}`, [...proof.slice(0, at), OTHER_HASH, ...proof.slice(at)]);
          mustFail(`add root at ${at}`, [...proof.slice(0, at), root, ...proof.slice(at)]);
        }
        for (let other = 0; other <= n + 1; other++) {
          if (other === m) continue;
          if (other < n && refInclusionShape(other, n) === refInclusionShape(m, n))
            accepted.push(`(${m},${n}) shape of index ${other}`);
          mustFail(`index ${other}`, proof, other);
        }
        for (const other of new Set([0, m - 1, m + 1, n - 1])) {
          if (other >= 0 && other < n && other !== m) mustFail(`leaf ${other}`, proof, m, n, leaves[other]);
        }
        mustFail('root n-1', proof, m, n, leaves[m], refRoots[n - 1]);
        mustFail('root n+1', proof, m, n, leaves[m], refRoots[n + 1]);
        mustFail('flipped root', proof, m, n, leaves[m], flipBit(root, m));
        mustFail('flipped leaf', proof, m, n, flipBit(leaves[m], n));
      }
    }
    expect(accepted).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });

  it('accepts a wrong tree size only when the audit path has exactly the same shape (the root does not commit to the size) 错误树大小', () => {
    const mismatches: string[] = [];
    let accepted = 0;
    let rejected = 0;
    for (let n = 1; n <= MAX_N; n++) {
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        for (let size = 0; size <= MAX_N + 1; size++) {
          if (size === n) continue;
          const sameShape = m < size && refInclusionShape(m, size) === refInclusionShape(m, n);
          const result = verifyInclusion(leaves[m], m, size, proof, refRoots[n]);
          if (result !== sameShape) mismatches.push(`(${m},${n}) as size ${size}: ${result}`);
          if (result) accepted++;
          else rejected++;
        }
      }
    }
    expect(mismatches).toEqual([]);
    // e.g. index 0 of 3 and of 4 leaves: PATH is [leaf1, MTH(right part)] for both
    expect(verifyInclusion(leaves[0], 0, 4, tree.inclusionProof(0, 3), refRoots[3])).toBe(true);
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(accepted);
  });

  it('rejects a flipped bit anywhere (property) 任一位翻转', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: MAX_N }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (n, mSeed, elementSeed, bit) => {
          const m = mSeed % n;
          const proof = tree.inclusionProof(m, n);
          const i = elementSeed % proof.length;
          expect(
            verifyInclusion(
              leaves[m],
              m,
              n,
              proof.map((p, j) => (j === i ? flipBit(p, bit) : p)),
              refRoots[n],
            ),
          ).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('returns false (never throws) for malformed input 非法输入返回 false', () => {
    const proof = tree.inclusionProof(5, 8);
    expect(verifyInclusion(leaves[5], 5, 8, proof, refRoots[8])).toBe(true);
    expect(verifyInclusion(Buffer.alloc(31), 5, 8, proof, refRoots[8])).toBe(false);
    expect(verifyInclusion(leaves[5], 5, 8, proof, Buffer.alloc(33))).toBe(false);
    expect(verifyInclusion(leaves[5], 5, 8, [Buffer.alloc(31), ...proof.slice(1)], refRoots[8])).toBe(false);
    expect(verifyInclusion(leaves[5], 5, 8, 'x' as unknown as Buffer[], refRoots[8])).toBe(false);
    expect(verifyInclusion(leaves[5], -1, 8, proof, refRoots[8])).toBe(false);
    expect(verifyInclusion(leaves[5], 5.5, 8, proof, refRoots[8])).toBe(false);
    expect(verifyInclusion(leaves[5], 8, 8, proof, refRoots[8])).toBe(false);
    expect(verifyInclusion(leaves[0], 0, 0, [], refRoots[0])).toBe(false);
    expect(verifyInclusion(leaves[0], 0, 1, [], refRoots[1])).toBe(true);
  });
});

describe(consistencyProof.name, () => {
  it('matches the CT reference consistency proofs', () => {
    const ctLeaves = CT_ENTRIES.map(leafHash);
    for (const [first, second, proof] of CT_CONSISTENCY) {
      expect(hex(consistencyProof(ctLeaves, first, second))).toEqual(proof);
      const roots = [first, second].map((s) => Buffer.from(CT_ROOTS[s], 'hex'));
      expect(
        verifyConsistency(
          first,
          second,
          roots[0],
          roots[1],
          proof.map((h) => Buffer.from(h, 'hex')),
        ),
      ).toBe(true);
    }
  });

  it('equals PROOF(m, D[n]) of the reference for all 0 <= m <= n <= 64, and verifies 与参考实现一致并可验证', () => {
    const failures: string[] = [];
    let count = 0;
    for (let n = 0; n <= MAX_N; n++) {
      for (let m = 0; m <= n; m++) {
        const expected = m === 0 || m === n ? '' : hex(refProof(m, entries.slice(0, n))).join();
        const fromFunction = consistencyProof(leaves, m, n);
        if (hex(fromFunction).join() !== expected) failures.push(`consistencyProof(${m},${n})`);
        if (hex(tree.consistencyProof(m, n)).join() !== expected) failures.push(`tree.consistencyProof(${m},${n})`);
        if (!verifyConsistency(m, n, refRoots[m], refRoots[n], fromFunction))
          failures.push(`verifyConsistency(${m},${n})`);
        count++;
      }
    }
    expect(failures).toEqual([]);
    expect(count).toBe(((MAX_N + 1) * (MAX_N + 2)) / 2);
  });

  it('refuses first > second or second beyond the leaves', () => {
    expect(() => consistencyProof(leaves, 5, 3)).toThrow(RangeError);
    expect(() => consistencyProof(leaves.slice(0, 4), 1, 5)).toThrow(RangeError);
    expect(() => tree.consistencyProof(1, tree.size + 1)).toThrow(RangeError);
  });
});

describe(verifyConsistency.name, () => {
  it('rejects every mutation of every proof for all 0 < m < n <= 64 (flipped bit, dropped, added or swapped element, wrong roots) 任何篡改都失败', () => {
    const accepted: string[] = [];
    let checked = 0;
    for (let n = 2; n <= MAX_N; n++) {
      for (let m = 1; m < n; m++) {
        const proof = tree.consistencyProof(m, n);
        const mustFail = (what: string, p: Buffer[], first = m, second = n, r1 = refRoots[m], r2 = refRoots[n]) => {
          checked++;
          if (verifyConsistency(first, second, r1, r2, p)) accepted.push(`(${m},${n}) ${what}`);
        };
        proof.forEach((_, i) => {
          for (const bit of [0, (i * 37 + m + n) % 256, 255])
            mustFail(
              `flip bit ${bit} of element ${i}`,
              proof.map((p, j) => (j === i ? flipBit(p, bit) : p)),
            );
          mustFail(
            `drop element ${i}`,
            proof.filter((_, j) => j !== i),
          );
          if (i + 1 < proof.length && !proof[i].equals(proof[i + 1])) {
            mustFail(`swap ${i},${i + 1}`, [...proof.slice(0, i), proof[i + 1], proof[i], ...proof.slice(i + 2)]);
          }
        });
        for (let at = 0; at <= proof.length; at++) {
          mustFail(`add element at ${at}`, [...proof.slice(0, at), OTHER_HASH, ...proof.slice(at)]);
          mustFail(`add old root at ${at}`, [...proof.slice(0, at), refRoots[m], ...proof.slice(at)]);
        }
        mustFail('empty proof', []);
        mustFail('first root m-1', proof, m, n, refRoots[m - 1]);
        mustFail('first root m+1', proof, m, n, refRoots[m + 1]);
        mustFail('second root n-1', proof, m, n, refRoots[m], refRoots[n - 1]);
        mustFail('second root n+1', proof, m, n, refRoots[m], refRoots[n + 1]);
        mustFail('roots swapped', proof, m, n, refRoots[n], refRoots[m]);
        mustFail('flipped first root', proof, m, n, flipBit(refRoots[m], n));
        mustFail('sizes swapped', proof, n, m);
      }
    }
    expect(accepted).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
  });

  it('accepts wrong sizes only when the proof has exactly the same shape (the roots do not commit to sizes) 错误树大小', () => {
    const mismatches: string[] = [];
    let accepted = 0;
    let rejected = 0;
    for (let n = 2; n <= MAX_N; n++) {
      for (let m = 1; m < n; m++) {
        const proof = tree.consistencyProof(m, n);
        const shape = refConsistencyShape(m, n);
        const check = (first: number, second: number) => {
          const sameShape = first > 0 && first < second && refConsistencyShape(first, second) === shape;
          const result = verifyConsistency(first, second, refRoots[m], refRoots[n], proof);
          if (result !== sameShape) mismatches.push(`(${m},${n}) as (${first},${second}): ${result}`);
          if (result) accepted++;
          else rejected++;
        };
        for (let first = 0; first <= n + 1; first++) if (first !== m) check(first, n);
        for (let second = 0; second <= MAX_N + 1; second++) if (second !== n) check(m, second);
      }
    }
    expect(mismatches).toEqual([]);
    // e.g. 2 -> 4 and 2 -> 3: both proofs are [MTH(D[2:second])]
    expect(verifyConsistency(2, 3, refRoots[2], refRoots[4], tree.consistencyProof(2, 4))).toBe(true);
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(accepted);
  });

  it('handles the degenerate cases: m = n needs an empty proof and equal roots; m = 0 an empty proof and the empty root 退化情形', () => {
    expect(verifyConsistency(4, 4, refRoots[4], refRoots[4], [])).toBe(true);
    expect(verifyConsistency(4, 4, refRoots[4], refRoots[5], [])).toBe(false);
    expect(verifyConsistency(4, 4, refRoots[4], refRoots[4], [refRoots[4]])).toBe(false);
    expect(verifyConsistency(0, 8, refRoots[0], refRoots[8], [])).toBe(true);
    expect(verifyConsistency(0, 8, refRoots[1], refRoots[8], [])).toBe(false);
    expect(verifyConsistency(0, 8, refRoots[0], refRoots[8], [refRoots[8]])).toBe(false);
    expect(verifyConsistency(0, 0, refRoots[0], refRoots[0], [])).toBe(true);
  });

  it('rejects a flipped bit anywhere (property) 任一位翻转', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: MAX_N }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (n, mSeed, elementSeed, bit) => {
          const m = 1 + (mSeed % (n - 1));
          const proof = tree.consistencyProof(m, n);
          const i = elementSeed % proof.length;
          expect(
            verifyConsistency(
              m,
              n,
              refRoots[m],
              refRoots[n],
              proof.map((p, j) => (j === i ? flipBit(p, bit) : p)),
            ),
          ).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('returns false (never throws) for malformed input', () => {
    const proof = tree.consistencyProof(6, 8);
    expect(verifyConsistency(6, 8, Buffer.alloc(31), refRoots[8], proof)).toBe(false);
    expect(verifyConsistency(6, 8, refRoots[6], refRoots[8], [Buffer.alloc(31), ...proof.slice(1)])).toBe(false);
    expect(verifyConsistency(-1, 8, refRoots[6], refRoots[8], proof)).toBe(false);
    expect(verifyConsistency(6, 8.5, refRoots[6], refRoots[8], proof)).toBe(false);
    expect(verifyConsistency(8, 6, refRoots[8], refRoots[6], proof)).toBe(false);
  });
});

describe(MerkleTree.name, () => {
  it('appends leaf hashes, returning their indices 追加返回序号', () => {
    const t = new MerkleTree();
    expect(t.size).toBe(0);
    expect(t.root().equals(refRoots[0])).toBe(true);
    for (let i = 0; i < 10; i++) {
      expect(t.append(leaves[i])).toBe(i);
      expect(t.size).toBe(i + 1);
      expect(t.root().equals(refRoots[i + 1])).toBe(true);
    }
    expect(() => t.append(Buffer.alloc(16))).toThrow(TypeError);
  });

  it('keeps its own copies of the leaf hashes and hands out copies', () => {
    const leaf = Buffer.from(leaves[0]);
    const t = new MerkleTree([leaf]);
    leaf[0] ^= 1;
    t.root()[0] ^= 1;
    expect(t.root().equals(refRoots[1])).toBe(true);
  });

  it('at 100,000 leaves: agrees with the reference and answers roots and proofs in well under a millisecond each 十万叶子性能', () => {
    const count = 100_000;
    const many = Array.from({ length: count }, (_, i) => refSha256(Buffer.from([0]), Buffer.from(`leaf ${i}`)));
    let started = performance.now();
    const big = new MerkleTree(many);
    const buildMs = performance.now() - started;

    /** Reference MTH over leaf hashes, iterative over the RFC split (for one big comparison). */
    const refRootOfLeafHashes = (lo: number, hi: number): Buffer => {
      if (hi - lo === 1) return many[lo];
      const k = refK(hi - lo);
      return refSha256(Buffer.from([1]), refRootOfLeafHashes(lo, lo + k), refRootOfLeafHashes(lo + k, hi));
    };
    const expectedRoot = refRootOfLeafHashes(0, count);

    started = performance.now();
    const root = big.root();
    const rootMs = performance.now() - started;
    expect(root.equals(expectedRoot)).toBe(true);

    const sizes = [1, 2, 3, 1000, 65_536, 65_537, 99_999, 100_000];
    started = performance.now();
    for (const size of sizes) big.root(size);
    const rootsMs = (performance.now() - started) / sizes.length;

    started = performance.now();
    const proofs = Array.from({ length: 1000 }, (_, i) => {
      const index = (i * 7919) % count;
      return { index, proof: big.inclusionProof(index) };
    });
    const inclusionMs = (performance.now() - started) / proofs.length;
    for (const { index, proof } of proofs.slice(0, 50))
      expect(verifyInclusion(many[index], index, count, proof, root)).toBe(true);

    started = performance.now();
    const consistency = Array.from({ length: 1000 }, (_, i) => {
      const first = 1 + ((i * 104_729) % (count - 1));
      return { first, proof: big.consistencyProof(first) };
    });
    const consistencyMs = (performance.now() - started) / consistency.length;
    for (const { first, proof } of consistency.slice(0, 20))
      expect(verifyConsistency(first, count, big.root(first), root, proof)).toBe(true);

    started = performance.now();
    const freeRoot = rootFromLeafHashes(many);
    const freeRootMs = performance.now() - started;
    expect(freeRoot.equals(root)).toBe(true);

    // Generous bounds (machines are noisy): the cached tree answers in microseconds.
    expect(buildMs).toBeLessThan(10_000); // ~0.4-0.7 s here: one SHA-256 per node
    expect(freeRootMs).toBeLessThan(10_000); // ~0.3-0.5 s here: n - 1 node hashes, no cache
    expect(rootMs).toBeLessThan(20);
    expect(rootsMs).toBeLessThan(20);
    expect(inclusionMs).toBeLessThan(5);
    expect(consistencyMs).toBeLessThan(5);
  });
});
