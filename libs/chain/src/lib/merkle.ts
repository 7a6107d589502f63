import { createHash } from 'node:crypto';
import { isNonNegativeSafeInteger, sha256 } from './bytes';

/**
 * RFC 6962 §2.1 / RFC 9162 §2.1 Merkle tree hashing, proofs and proof verification.
 * 默克尔树（RFC 6962 / RFC 9162）：哈希、证明与证明验证。
 *
 * Sizes and indices are JavaScript numbers (safe integers); bit operations are done with
 * arithmetic, so trees beyond 2^32 leaves are handled correctly too.
 */

const HASH_BYTES = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH of the empty tree: SHA-256 of the empty string. 空树根 */
export const EMPTY_TREE_ROOT: Buffer = sha256();

function isHash(value: unknown): value is Buffer {
  return Buffer.isBuffer(value) && value.length === HASH_BYTES;
}

function assertHash(value: unknown, what: string): asserts value is Buffer {
  if (!isHash(value)) throw new TypeError(`${what} 必须是 32 字节哈希 (${what} must be a 32-byte hash)`);
}

/** Leaf hash: SHA-256(0x00 || entry). 叶子哈希 */
export function leafHash(entry: Buffer): Buffer {
  return sha256(LEAF_PREFIX, entry);
}

/** SHA-256(0x01 || left || right) without argument checks (callers have checked). */
function hashChildren(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** Interior node hash: SHA-256(0x01 || left || right); both children must be 32-byte hashes. 节点哈希 */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  assertHash(left, 'left');
  assertHash(right, 'right');
  return hashChildren(left, right);
}

/** The largest power of two strictly smaller than n (n >= 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function assertIndex(value: number, what: string): void {
  if (!isNonNegativeSafeInteger(value))
    throw new RangeError(`${what} 必须是非负整数 (${what} must be a non-negative integer): ${value}`);
}

/**
 * An append-only Merkle tree over leaf hashes, with every complete aligned subtree hash cached
 * (about 2 hashes per leaf in memory). Roots and proofs for any earlier size are then computed
 * from O(log n) cached nodes, independent of the number of leaves.
 * 仅追加的默克尔树，缓存所有完整子树哈希。
 */
export class MerkleTree {
  /** levels[h][i] = MTH of leaves [i·2^h, (i+1)·2^h). levels[0] are the leaf hashes. */
  private readonly levels: Buffer[][] = [[]];

  constructor(leafHashes: Buffer[] = []) {
    for (const hash of leafHashes) this.append(hash);
  }

  /** Appends a leaf hash (not the entry: pass leafHash(entry)); returns its index. 追加叶子 */
  append(hash: Buffer): number {
    assertHash(hash, 'leaf hash');
    const index = this.levels[0].length;
    this.levels[0].push(Buffer.from(hash));
    let position = index;
    let level = 0;
    while (isOdd(position)) {
      const nodes = this.levels[level];
      const parent = hashChildren(nodes[position - 1], nodes[position]);
      level += 1;
      if (this.levels.length === level) this.levels.push([]);
      this.levels[level].push(parent);
      position = half(position);
    }
    return index;
  }

  /** Number of leaves. 叶子数 */
  get size(): number {
    return this.levels[0].length;
  }

  /** MTH(D[0:size]); size defaults to the current size. 树根 */
  root(size: number = this.size): Buffer {
    this.assertSize(size, 'size');
    return Buffer.from(this.subtree(0, size));
  }

  /** PATH(index, D[0:size]) — the RFC 6962 §2.1.1 audit path, leaf to root. 包含证明 */
  inclusionProof(index: number, size: number = this.size): Buffer[] {
    this.assertSize(size, 'size');
    assertIndex(index, 'index');
    if (index >= size) throw new RangeError(`序号超出树大小 (index ${index} is not below tree size ${size})`);
    return this.path(index, 0, size).map((hash) => Buffer.from(hash));
  }

  /**
   * PROOF(first, D[0:second]) — RFC 6962 §2.1.2; empty when first is 0 or first equals second.
   * 一致性证明
   */
  consistencyProof(first: number, second: number = this.size): Buffer[] {
    this.assertSize(second, 'second');
    assertIndex(first, 'first');
    if (first > second) throw new RangeError(`first ${first} 大于 second ${second} (first must not exceed second)`);
    if (first === 0 || first === second) return [];
    return this.subproof(first, 0, second, true).map((hash) => Buffer.from(hash));
  }

  private assertSize(size: number, what: string): void {
    assertIndex(size, what);
    if (size > this.size) throw new RangeError(`${what} ${size} 超过当前树大小 ${this.size} (exceeds the tree size)`);
  }

  /**
   * MTH(D[lo:hi]). Every range the RFC recursion visits starting from [0, n) begins at a multiple
   * of the smallest power of two >= its length, so each complete range is a cached node.
   */
  private subtree(lo: number, hi: number): Buffer {
    const n = hi - lo;
    if (n === 0) return EMPTY_TREE_ROOT;
    if (isPowerOfTwo(n) && lo % n === 0) {
      let level = 0;
      for (let width = 1; width < n; width *= 2) level += 1;
      return this.levels[level][lo / n];
    }
    const k = splitPoint(n);
    return hashChildren(this.subtree(lo, lo + k), this.subtree(lo + k, hi));
  }

  private path(m: number, lo: number, hi: number): Buffer[] {
    const n = hi - lo;
    if (n === 1) return [];
    const k = splitPoint(n);
    if (m < k) return [...this.path(m, lo, lo + k), this.subtree(lo + k, hi)];
    return [...this.path(m - k, lo + k, hi), this.subtree(lo, lo + k)];
  }

  private subproof(m: number, lo: number, hi: number, complete: boolean): Buffer[] {
    const n = hi - lo;
    if (m === n) return complete ? [] : [this.subtree(lo, hi)];
    const k = splitPoint(n);
    if (m <= k) return [...this.subproof(m, lo, lo + k, complete), this.subtree(lo + k, hi)];
    return [...this.subproof(m - k, lo + k, hi, false), this.subtree(lo, lo + k)];
  }
}

function treeOf(leafHashes: Buffer[], size: number): MerkleTree {
  assertIndex(size, 'size');
  if (size > leafHashes.length) {
    throw new RangeError(
      `树大小 ${size} 超过叶子数 ${leafHashes.length} (tree size exceeds the number of leaf hashes)`,
    );
  }
  return new MerkleTree(leafHashes.slice(0, size));
}

/**
 * MTH(D[n]) of the given leaf hashes; the empty tree's root is SHA-256(""). Streams over the leaves
 * keeping only the O(log n) complete subtrees on the right edge (n - 1 node hashes, nothing cached);
 * use MerkleTree when roots or proofs are needed repeatedly. 计算树根
 */
export function rootFromLeafHashes(leafHashes: Buffer[]): Buffer {
  if (!Array.isArray(leafHashes)) throw new TypeError('leafHashes 必须是数组 (leafHashes must be an array)');
  if (leafHashes.length === 0) return Buffer.from(EMPTY_TREE_ROOT);
  const edge: Buffer[] = []; // complete subtrees, largest first
  for (let i = 0; i < leafHashes.length; i++) {
    let hash = leafHashes[i];
    assertHash(hash, 'leaf hash');
    for (let position = i; isOdd(position); position = half(position)) {
      hash = hashChildren(edge.pop() as Buffer, hash);
    }
    edge.push(hash);
  }
  let root = edge.pop() as Buffer;
  while (edge.length > 0) root = hashChildren(edge.pop() as Buffer, root);
  return Buffer.from(root);
}

/** PATH(index, D[treeSize]) over the first treeSize leaf hashes. 包含证明 */
export function inclusionProof(leafHashes: Buffer[], index: number, treeSize: number): Buffer[] {
  return treeOf(leafHashes, treeSize).inclusionProof(index);
}

/** PROOF(first, D[second]) over the first `second` leaf hashes. 一致性证明 */
export function consistencyProof(leafHashes: Buffer[], first: number, second: number): Buffer[] {
  return treeOf(leafHashes, second).consistencyProof(first);
}

function isProof(proof: unknown): proof is Buffer[] {
  return Array.isArray(proof) && proof.every(isHash);
}

/**
 * RFC 9162 §2.1.3.2: does `proof` show that `leafHash` is leaf `index` of a tree of `treeSize`
 * leaves with root `root`? Never throws; malformed input gives false.
 * NOTE: the root does not commit to the tree size. The proof for (index, n) can also verify for
 * another size n' whose audit path has the same shape (e.g. index 0 of 3 and of 4 leaves); take
 * the size and the root from the same signed checkpoint.
 * 验证包含证明（树大小须与树根取自同一已签名检查点）。
 */
export function verifyInclusion(
  leafHash: Buffer,
  index: number,
  treeSize: number,
  proof: Buffer[],
  root: Buffer,
): boolean {
  if (!isHash(leafHash) || !isHash(root) || !isProof(proof)) return false;
  if (!isNonNegativeSafeInteger(index) || !isNonNegativeSafeInteger(treeSize) || index >= treeSize) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `second` leaves with root `secondRoot`
 * extends the tree of `first` leaves with root `firstRoot`? Never throws; malformed input gives false.
 * Cases outside 0 < first < second: first === second needs an empty proof and equal roots;
 * first === 0 needs an empty proof and firstRoot = SHA-256(""); first > second is false.
 * 验证一致性证明。
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  proof: Buffer[],
): boolean {
  if (!isHash(firstRoot) || !isHash(secondRoot) || !isProof(proof)) return false;
  if (!isNonNegativeSafeInteger(first) || !isNonNegativeSafeInteger(second) || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0 && firstRoot.equals(EMPTY_TREE_ROOT);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}
