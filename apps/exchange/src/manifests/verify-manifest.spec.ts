import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { ExchangeManifestV1, MANIFEST_VERSION } from '@hn/messages';
import { publicKeyText } from '../signing/webhook-signer';
import { eventIdsRoot } from './merkle-tree';
import { signManifest } from './manifest-signature';
import { checkManifest, receivedEventsOf } from './verify-manifest';

const { privateKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519').privateKey;
const KEY = publicKeyText(privateKey);

function manifestOf(eventIds: string[], final = true, key = privateKey): ExchangeManifestV1 {
  const signed = {
    subscriberId: randomUUID(),
    date: '2026-12-04',
    final,
    generatedAt: '2026-12-04T16:10:00.000Z',
    count: eventIds.length,
    merkleRoot: eventIdsRoot(eventIds),
  };
  return {
    version: MANIFEST_VERSION,
    ...signed,
    eventIds,
    signature: { alg: 'Ed25519', keyId: publicKeyText(key), value: signManifest(signed, key) },
  };
}

describe(checkManifest.name, () => {
  const ids = [randomUUID(), randomUUID(), randomUUID()];
  // 2026-12-04 in China is 2026-12-03T16:00Z .. 2026-12-04T16:00Z
  const got = ids.map((id) => ({ id, type: 'hn.presale.permit.issued.v1', time: '2026-12-04T01:00:00.000Z' }));

  it('passes a receiver that got every event, with the pinned key', () => {
    const result = checkManifest(manifestOf(ids), got, [KEY]);
    expect(result.problems).toEqual([]);
    expect(result.notes.join('\n')).toContain('已收到清单中全部 3 个事件');
  });

  it('names the missing event and its place; an event of another day does not count', () => {
    const received = [got[0], { ...got[1], time: '2026-12-04T17:00:00.000Z' }, got[2]];
    expect(checkManifest(manifestOf(ids), received, [KEY]).problems).toEqual([
      `缺少事件 ${ids[1]}（清单第 2 条）：请按 id 重推或按流序号重放`,
    ]);
  });

  it('refuses a tampered manifest, a key not pinned, and a manifest at odds with itself', () => {
    const tampered = { ...manifestOf(ids), count: 2, eventIds: ids.slice(0, 2) };
    const problems = checkManifest(tampered, got.slice(0, 2), [KEY]).problems;
    expect(problems).toContain('签名验证失败：清单被改动或不是平台签发 (the signature does not verify)');
    expect(problems.some((p) => p.startsWith('清单自相矛盾：按 eventIds 重算的 Merkle 根'))).toBe(true);
    expect(checkManifest(manifestOf(ids, true, other), got, [KEY]).problems[0]).toMatch(/不是指定的验签公钥/);
    const unpinned = checkManifest(manifestOf(ids), got);
    expect(unpinned.problems).toEqual([]);
    expect(unpinned.notes.join('\n')).toContain('未指定 --public-key');
    expect(checkManifest({ version: 'x' }, []).problems.length).toBeGreaterThan(3);
  });

  it('an extra event is a problem against a final manifest, a note against a provisional one', () => {
    const extra = { id: randomUUID(), time: '2026-12-04T02:00:00.000Z' };
    expect(checkManifest(manifestOf(ids), [...got, extra], [KEY]).problems).toEqual([
      `多出事件 ${extra.id}：收到了，但不在 2026-12-04 的清单中`,
    ]);
    expect(checkManifest(manifestOf(ids, false), [...got, extra], [KEY]).problems).toEqual([]);
  });
});

describe(receivedEventsOf.name, () => {
  it('reads NDJSON, a JSON array, one event, and bare ids; names unreadable lines', () => {
    const [a, b] = [randomUUID(), randomUUID()];
    expect(receivedEventsOf(`{"id":"${a}","time":"t"}\n\n${b}\nnot json {\n{oops`, 'r.ndjson')).toEqual({
      events: [{ id: a, time: 't' }, { id: b }],
      problems: ['r.ndjson 第 4 行：不是事件（无 id）(not an event)', 'r.ndjson 第 5 行：不是 JSON (not JSON)'],
    });
    expect(receivedEventsOf(JSON.stringify([{ id: a }, b]), 'a.json').events).toEqual([{ id: a }, { id: b }]);
    expect(receivedEventsOf(JSON.stringify({ id: a, type: 'x' }, null, 2), 'e.json').events).toEqual([
      { id: a, type: 'x' },
    ]);
    const dropped = {
      'webhook-id': a,
      'webhook-timestamp': '1',
      'webhook-signature': 'v1a,x',
      body: JSON.stringify({ id: a, time: 't' }),
    };
    expect(receivedEventsOf(JSON.stringify(dropped), 'f.json').events).toEqual([{ id: a, time: 't' }]);
  });
});
