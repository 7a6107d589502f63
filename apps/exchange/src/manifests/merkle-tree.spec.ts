import { createHash, randomUUID } from 'node:crypto';
import { eventIdsRoot, merkleTreeHash } from './merkle-tree';

/*
 * An oracle written apart from merkle-tree.ts: bottom-up, level by level, pairing neighbours and
 * carrying an odd last node up unchanged — which is the same tree as RFC 6962's recursive split at the
 * largest power of two (the left subtree is always complete), so both must agree for every size.
 */
function oracleRoot(leaves: Buffer[]): string {
  const h = (hex: string): string => createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
  if (leaves.length === 0) return createHash('sha256').digest('hex');
  let level = leaves.map((l) => h('00' + l.toString('hex')));
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? h('01' + level[i] + level[i + 1]) : level[i]);
    level = next;
  }
  return level[0];
}

describe('RFC 6962 Merkle tree hash', () => {
  it('hashes the empty tree and a single empty leaf as RFC 6962 / Certificate Transparency do', () => {
    expect(merkleTreeHash([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // SHA-256(0x00): the CT test vector for the one-leaf tree of the empty leaf
    expect(merkleTreeHash([Buffer.alloc(0)]).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });

  it('agrees with the independent bottom-up oracle for every size from 0 to 70', () => {
    for (let n = 0; n <= 70; n++) {
      const ids = Array.from({ length: n }, () => randomUUID());
      expect({ n, root: eventIdsRoot(ids) }).toEqual({
        n,
        root: oracleRoot(ids.map((id) => Buffer.from(id, 'ascii'))),
      });
    }
  });

  it('separates leaves from nodes, and depends on order and on every id', () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const root = eventIdsRoot(ids);
    expect(eventIdsRoot([ids[1], ids[0], ids[2]])).not.toBe(root);
    expect(eventIdsRoot(ids.slice(0, 2))).not.toBe(root);
    expect(eventIdsRoot(ids.map((id) => id.toUpperCase()))).toBe(root);
    // a one-leaf tree whose leaf is two child hashes is not the two-leaf tree (0x00 / 0x01 prefixes)
    const [a, b] = [Buffer.from('a'), Buffer.from('b')];
    const forged = Buffer.concat([merkleTreeHash([a]), merkleTreeHash([b])]);
    expect(merkleTreeHash([forged]).equals(merkleTreeHash([a, b]))).toBe(false);
  });
});
