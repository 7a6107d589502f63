import { createHash } from 'node:crypto';

/*
 * RFC 6962 §2.1 Merkle Tree Hash (the tree of Certificate Transparency), SHA-256:
 *   MTH({})        = SHA-256()                          (the empty string)
 *   MTH({d0})      = SHA-256(0x00 || d0)                (leaf hash)
 *   MTH(D[0:n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))   k = the largest power of two < n
 * A leaf of a completeness manifest is the event id as its 36 ASCII characters, lowercase
 * (e.g. "5d7f9a3c-2b1e-4c8d-9f0a-6e4b3c2d1a0f"), in the manifest's order.
 */

const sha256 = (...parts: Buffer[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export const leafHash = (leaf: Buffer): Buffer => sha256(Buffer.from([0x00]), leaf);
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([0x01]), left, right);

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over raw leaves (RFC 6962 §2.1). */
export function merkleTreeHash(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  const hashes = leaves.map(leafHash);
  const mth = (from: number, to: number): Buffer => {
    if (to - from === 1) return hashes[from];
    const k = largestPowerOfTwoBelow(to - from);
    return nodeHash(mth(from, from + k), mth(from + k, to));
  };
  return mth(0, hashes.length);
}

/** The leaf bytes of an event id: its lowercase text in ASCII. */
export const eventIdLeaf = (eventId: string): Buffer => Buffer.from(eventId.toLowerCase(), 'ascii');

/** The Merkle root (hex, lowercase) of a manifest's event ids in their order. */
export function eventIdsRoot(eventIds: readonly string[]): string {
  return merkleTreeHash(eventIds.map(eventIdLeaf)).toString('hex');
}
