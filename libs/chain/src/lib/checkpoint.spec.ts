import { formatCheckpointBody, parseCheckpoint } from './checkpoint';
import { leafHash, MerkleTree, verifyInclusion } from './merkle';
import { signNote, verifyNote } from './signed-note';
import { generateSigningKey } from './signing-key';

const root = Buffer.from('81982b3e11826a09b8f93d93e743042cf5bbb978cc208a506f2745c6e0b23454', 'hex');

describe(formatCheckpointBody.name, () => {
  it('writes origin, size and base64 root, each on its own line 检查点正文', () => {
    expect(formatCheckpointBody('zjt.hunan.gov.cn/presale-log', 3, root)).toBe(
      'zjt.hunan.gov.cn/presale-log\n3\ngZgrPhGCagm4+T2T50MELPW7uXjMIIpQbydFxuCyNFQ=\n',
    );
    expect(formatCheckpointBody('o', 0, Buffer.alloc(32))).toBe(`o\n0\n${Buffer.alloc(32).toString('base64')}\n`);
  });

  it('refuses an empty or multi-line origin, a bad size or a root that is not 32 bytes', () => {
    expect(() => formatCheckpointBody('', 1, root)).toThrow(RangeError);
    expect(() => formatCheckpointBody('a\nb', 1, root)).toThrow(RangeError);
    expect(() => formatCheckpointBody('o', -1, root)).toThrow(RangeError);
    expect(() => formatCheckpointBody('o', 1.5, root)).toThrow(RangeError);
    expect(() => formatCheckpointBody('o', 1, root.subarray(1))).toThrow(RangeError);
  });
});

describe(parseCheckpoint.name, () => {
  it('round-trips and ignores extension lines 解析检查点', () => {
    const body = formatCheckpointBody('zjt.hunan.gov.cn/presale-log', 20_852_163, root);
    expect(parseCheckpoint(body)).toEqual({ origin: 'zjt.hunan.gov.cn/presale-log', size: 20_852_163, rootHash: root });
    expect(parseCheckpoint(`${body}extension line\n`)).toEqual({
      origin: 'zjt.hunan.gov.cn/presale-log',
      size: 20_852_163,
      rootHash: root,
    });
  });

  it.each([
    ['no final newline', 'o\n3\ngZgrPhGCagm4+T2T50MELPW7uXjMIIpQbydFxuCyNFQ='],
    ['two lines', 'o\n3\n'],
    ['leading zero', 'o\n03\ngZgrPhGCagm4+T2T50MELPW7uXjMIIpQbydFxuCyNFQ=\n'],
    ['negative size', 'o\n-3\ngZgrPhGCagm4+T2T50MELPW7uXjMIIpQbydFxuCyNFQ=\n'],
    ['huge size', 'o\n9007199254740993\ngZgrPhGCagm4+T2T50MELPW7uXjMIIpQbydFxuCyNFQ=\n'],
    ['base64url root', 'o\n3\ngZgrPhGCagm4-T2T50MELPW7uXjMIIpQbydFxuCyNFQ=\n'],
    ['unpadded root', 'o\n3\ngZgrPhGCagm4+T2T50MELPW7uXjMIIpQbydFxuCyNFQ\n'],
    ['short root', `o\n3\n${Buffer.alloc(31).toString('base64')}\n`],
    ['empty origin', '\n3\ngZgrPhGCagm4+T2T50MELPW7uXjMIIpQbydFxuCyNFQ=\n'],
    ['empty extension line', 'o\n3\ngZgrPhGCagm4+T2T50MELPW7uXjMIIpQbydFxuCyNFQ=\n\n'],
  ])('rejects %s', (_, body) => {
    expect(parseCheckpoint(body)).toBeNull();
  });

  it('serves the whole chain: signed checkpoint → verified body → parsed → inclusion proof 完整验证链', () => {
    const key = generateSigningKey();
    const tree = new MerkleTree();
    for (let i = 0; i < 10; i++) tree.append(leafHash(Buffer.from(`entry ${i}`)));
    const note = signNote(
      formatCheckpointBody('zjt.hunan.gov.cn/presale-log', tree.size, tree.root()),
      'zjt.hunan.gov.cn/presale-log',
      key,
    );
    const verified = verifyNote(note, 'zjt.hunan.gov.cn/presale-log', key.publicKey);
    expect(verified.valid).toBe(true);
    const checkpoint = parseCheckpoint(verified.body ?? '');
    expect(checkpoint).not.toBeNull();
    if (!checkpoint) return;
    const leaf = leafHash(Buffer.from('entry 7'));
    expect(
      verifyInclusion(leaf, 7, checkpoint.size, tree.inclusionProof(7, checkpoint.size), checkpoint.rootHash),
    ).toBe(true);
  });
});
