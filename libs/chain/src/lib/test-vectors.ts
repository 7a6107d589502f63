import { createPrivateKey } from 'node:crypto';
import { sha256 } from './bytes';
import { canonicalJson, recordDigest } from './canonical-json';
import { encodeChainToken } from './chain-token';
import { formatCheckpointBody } from './checkpoint';
import { encodeLogEntry, LogEntry } from './log-entry';
import { leafHash, MerkleTree } from './merkle';
import { noteKeyId, signNote } from './signed-note';
import { publicKeyToJwk, rawPublicKey, SigningKey, signingKeyFromPkcs8Pem } from './signing-key';

/**
 * Deterministic test vectors printed in docs/chain-token.md (between the test-vectors markers);
 * test-vectors.spec.ts fails when the document and the code disagree. Ed25519 (RFC 8032) is
 * deterministic, so the same seed always gives the same signatures.
 * 文档中的确定性测试向量（由 test-vectors.spec.ts 校验文档与代码一致）。
 */

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
export const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export const TEST_VECTOR_SEED_TEXT = 'hn-presale test vector key';
export const TEST_VECTOR_KEY_NAME = 'zjt.hunan.gov.cn/presale-log';

/** The test-vector key: seed = SHA-256("hn-presale test vector key"). Never use it for real tokens. */
export function testVectorSigningKey(): SigningKey {
  const der = Buffer.concat([ED25519_PKCS8_PREFIX, sha256(Buffer.from(TEST_VECTOR_SEED_TEXT, 'utf8'))]);
  const pem = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return signingKeyFromPkcs8Pem(pem);
}

export const TEST_VECTOR_RECORD = {
  presaleNumber: '430223202406200101-Y01',
  issueDate: '2024-08-01',
  projectName: '攸县示例花园 (example garden)',
  constructionPermits: ['430223202406200101', '430223202406200201'],
  buildingUnits: [{ unitCode: 'U-0001', floors: 18 }],
  presaleArea: 12345.67,
};

export const TEST_VECTOR_ENTRIES: LogEntry[] = [
  {
    kind: 'ISSUED',
    presaleNumber: '430223202406200101-Y01',
    issueDate: '2024-08-01',
    recordDigest: recordDigest(TEST_VECTOR_RECORD).toString('hex'),
    loggedAt: '2024-08-01T02:03:04.005Z',
  },
  {
    kind: 'ISSUED',
    presaleNumber: '430223202406200101-Y02',
    issueDate: '2024-08-02',
    recordDigest: '00112233445566778899aabbccddeeff',
    loggedAt: '2024-08-02T01:00:00.000Z',
  },
  {
    kind: 'CORRECTED',
    presaleNumber: '430223202406200101-Y01',
    issueDate: '2024-08-01',
    recordDigest: 'ffeeddccbbaa99887766554433221100',
    loggedAt: '2024-08-03T09:30:00.000Z',
    supersedesIndex: 0,
  },
];

function tokenFields(token: string): string {
  const b = Buffer.from(token, 'base64url');
  const part = (from: number, to: number) => b.subarray(from, to).toString('hex');
  return [
    part(0, 1),
    part(1, 2),
    part(2, 6),
    part(6, 14),
    part(14, 15),
    part(15, 16),
    part(16, 18),
    part(18, 34),
    part(34, 38),
    part(38, 102),
  ].join(' ');
}

/** The vectors as name/value pairs (values are single lines) plus the signed checkpoint note. */
export function chainTestVectors(): { values: [string, string][]; checkpointNote: string } {
  const key = testVectorSigningKey();
  const digest = recordDigest(TEST_VECTOR_RECORD);
  const claims = {
    presaleNumber: '430223202406200101-Y01',
    issueDate: '2024-08-01',
    recordDigest: digest,
    logIndex: 10_000_000,
  };
  const token = encodeChainToken(claims, key);
  const sandboxToken = encodeChainToken({ ...claims, logIndex: 0, sandbox: true }, key);

  const entryBytes = TEST_VECTOR_ENTRIES.map(encodeLogEntry);
  const tree = new MerkleTree(entryBytes.map(leafHash));
  const body = formatCheckpointBody(TEST_VECTOR_KEY_NAME, tree.size, tree.root());
  const hex = (list: Buffer[]) => list.map((h) => h.toString('hex')).join(',');

  const values: [string, string][] = [
    ['seed', sha256(Buffer.from(TEST_VECTOR_SEED_TEXT, 'utf8')).toString('hex')],
    ['public key', rawPublicKey(key.publicKey).toString('hex')],
    ['keyId', key.keyId],
    ['JWK', JSON.stringify(publicKeyToJwk(key))],
    ['record (canonical JSON)', canonicalJson(TEST_VECTOR_RECORD)],
    ['recordDigest', digest.toString('hex')],
    ['token fields', tokenFields(token)],
    ['token (base64url)', token],
    ['token bytes / characters', `${Buffer.from(token, 'base64url').length} / ${token.length}`],
    ['sandbox token (logIndex 0)', sandboxToken],
    ...entryBytes.flatMap((bytes, i): [string, string][] => [
      [`log entry ${i}`, bytes.toString('utf8')],
      [`leaf hash ${i}`, leafHash(bytes).toString('hex')],
    ]),
    ['root size 2', tree.root(2).toString('hex')],
    ['root size 3', tree.root(3).toString('hex')],
    ['inclusion proof index 0 size 3', hex(tree.inclusionProof(0, 3))],
    ['inclusion proof index 2 size 3', hex(tree.inclusionProof(2, 3))],
    ['consistency proof 2 -> 3', hex(tree.consistencyProof(2, 3))],
    ['note key name', TEST_VECTOR_KEY_NAME],
    ['note key id', noteKeyId(TEST_VECTOR_KEY_NAME, key.publicKey).toString('hex')],
  ];
  return { values, checkpointNote: signNote(body, TEST_VECTOR_KEY_NAME, key) };
}

/** The Markdown that docs/chain-token.md holds between its test-vectors markers. */
export function renderTestVectorsMarkdown(): string {
  const { values, checkpointNote } = chainTestVectors();
  const width = Math.max(...values.map(([name]) => name.length));
  const lines = values.map(([name, value]) => `${name.padEnd(width)} = ${value}`);
  return [
    '```text',
    ...lines,
    '```',
    '',
    'Signed checkpoint (tree size 3) 签名检查点:',
    '',
    '```text',
    checkpointNote + '```',
  ].join('\n');
}
