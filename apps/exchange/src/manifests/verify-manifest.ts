import { chinaDateOf, MANIFEST_EVENT_TYPE, MANIFEST_VERSION } from '@hn/messages';
import { eventIdsRoot } from './merkle-tree';
import { manifestSignatureValid, publicKeyOf } from './manifest-signature';

/** One event as the receiver kept it: its id, and its type and time when known (a bare id list has neither). */
export interface ReceivedEvent {
  id: string;
  type?: string;
  time?: string;
}

export interface ManifestCheck {
  /** 问题：any makes the check fail (missing events, a bad signature, a manifest at odds with itself) */
  problems: string[];
  /** 说明：what was checked and how */
  notes: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * What `npm run exchange:verify` does, written for a receiver: the manifest's Ed25519 signature (against
 * the pinned verification keys when given), its count and Merkle root recomputed from its ids, and the
 * received events of the manifest's China date compared with its ids — every missing id by name.
 */
export function checkManifest(
  manifest: unknown,
  received: readonly ReceivedEvent[],
  pinnedKeys: readonly string[] = [],
): ManifestCheck {
  const problems: string[] = [];
  const notes: string[] = [];
  if (!isObject(manifest)) return { problems: ['清单不是 JSON 对象 (the manifest is not a JSON object)'], notes };
  const m = manifest;
  const ids = Array.isArray(m['eventIds']) ? (m['eventIds'] as unknown[]) : null;
  const signature = isObject(m['signature']) ? m['signature'] : null;
  if (m['version'] !== MANIFEST_VERSION) problems.push(`清单版本不是 ${MANIFEST_VERSION} (unknown version)`);
  if (typeof m['subscriberId'] !== 'string') problems.push('清单缺少 subscriberId');
  if (typeof m['date'] !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(m['date'])) problems.push('清单缺少日期 date');
  if (typeof m['final'] !== 'boolean') problems.push('清单缺少 final');
  if (typeof m['generatedAt'] !== 'string') problems.push('清单缺少 generatedAt');
  if (!Number.isInteger(m['count'])) problems.push('清单缺少计数 count');
  if (typeof m['merkleRoot'] !== 'string' || !/^[0-9a-f]{64}$/.test(m['merkleRoot']))
    problems.push('清单缺少 Merkle 根 merkleRoot（64 位十六进制）');
  if (!ids || !ids.every((id) => typeof id === 'string' && UUID.test(id)))
    problems.push('清单的 eventIds 须为事件 id（UUID）列表');
  if (!signature || typeof signature['keyId'] !== 'string' || typeof signature['value'] !== 'string')
    problems.push('清单缺少签名 signature { alg, keyId, value }');
  if (problems.length > 0) return { problems, notes };

  const eventIds = (ids as string[]).map((id) => id.toLowerCase());
  const date = m['date'] as string;
  const signed = {
    subscriberId: m['subscriberId'] as string,
    date,
    final: m['final'] as boolean,
    generatedAt: m['generatedAt'] as string,
    count: m['count'] as number,
    merkleRoot: m['merkleRoot'] as string,
  };
  const keyId = signature!['keyId'] as string;
  const key = publicKeyOf(keyId);
  if (pinnedKeys.length > 0 && !pinnedKeys.includes(keyId))
    problems.push(`签名公钥 ${keyId.slice(0, 60)} 不是指定的验签公钥 (not one of the pinned keys)`);
  else if (!key) problems.push(`签名公钥 ${keyId.slice(0, 60)} 不是 Ed25519 公钥 whpk_…`);
  else if (!manifestSignatureValid(signed, signature!['value'] as string, key))
    problems.push('签名验证失败：清单被改动或不是平台签发 (the signature does not verify)');
  else notes.push(`签名有效 (Ed25519, ${keyId.slice(0, 20)}…)`);
  if (pinnedKeys.length === 0)
    notes.push('未指定 --public-key：只用清单自带的公钥验签，不能证明清单出自平台；请用登记结果的 verificationKeys');

  if (signed.count !== eventIds.length)
    problems.push(`清单自相矛盾：count 为 ${signed.count}，eventIds 有 ${eventIds.length} 个`);
  const root = eventIdsRoot(eventIds);
  if (root !== signed.merkleRoot)
    problems.push(`清单自相矛盾：按 eventIds 重算的 Merkle 根为 ${root}，与 merkleRoot 不符`);
  const duplicates = eventIds.filter((id, i) => eventIds.indexOf(id) !== i);
  for (const id of new Set(duplicates)) problems.push(`清单中事件 ${id} 重复`);

  // the received events of this day (a bare id has no time: taken as of the day); manifests are not counted
  const ofDay = received.filter(
    (e) => e.type !== MANIFEST_EVENT_TYPE && (e.time === undefined || chinaDateOf(e.time) === date),
  );
  const got = new Set(ofDay.map((e) => e.id.toLowerCase()));
  const listed = new Set(eventIds);
  eventIds.forEach((id, i) => {
    if (!got.has(id)) problems.push(`缺少事件 ${id}（清单第 ${i + 1} 条）：请按 id 重推或按流序号重放`);
  });
  const extra = [...got].filter((id) => !listed.has(id));
  for (const id of extra) {
    const line = `多出事件 ${id}：收到了，但不在 ${date} 的清单中`;
    if (signed.final) problems.push(line);
    else notes.push(`${line}（临时清单生成于 ${signed.generatedAt}，之后的事件不在其中）`);
  }
  if (eventIds.every((id) => got.has(id)))
    notes.push(`已收到清单中全部 ${eventIds.length} 个事件；按收到的 id 重算的 Merkle 根与清单一致`);
  if (!signed.final) notes.push('这是临时清单（final=false）：当日尚未结束，次日的正式清单才是定稿');
  return { problems, notes };
}

/**
 * The received events of a file's text: a JSON array, one JSON object (one event, or a file-drop file with
 * the event as its `body`), or lines, each a JSON object (NDJSON: a CloudEvent, or anything with `id`) or
 * a bare event id. Unreadable lines are problems.
 */
export function receivedEventsOf(text: string, source: string): { events: ReceivedEvent[]; problems: string[] } {
  const events: ReceivedEvent[] = [];
  const problems: string[] = [];
  const take = (value: unknown, where: string): void => {
    // a file of a file drop: the webhook headers and the raw body holding the event
    if (isObject(value) && typeof value['body'] === 'string' && typeof value['webhook-id'] === 'string') {
      try {
        return take(JSON.parse(value['body']), where);
      } catch {
        return void problems.push(`${where}：body 不是 JSON (the body is not JSON)`);
      }
    }
    if (typeof value === 'string' && UUID.test(value.trim())) events.push({ id: value.trim() });
    else if (isObject(value) && typeof value['id'] === 'string')
      events.push({
        id: value['id'],
        ...(typeof value['type'] === 'string' ? { type: value['type'] } : {}),
        ...(typeof value['time'] === 'string' ? { time: value['time'] } : {}),
      });
    else problems.push(`${where}：不是事件（无 id）(not an event)`);
  };
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      (Array.isArray(parsed) ? parsed : [parsed]).forEach((v, i) => take(v, `${source} 第 ${i + 1} 项`));
      return { events, problems };
    } catch {
      // read as lines below
    }
  }
  trimmed.split(/\r?\n/).forEach((line, i) => {
    const l = line.trim();
    if (!l) return;
    if (!l.startsWith('{')) return take(l, `${source} 第 ${i + 1} 行`);
    try {
      take(JSON.parse(l), `${source} 第 ${i + 1} 行`);
    } catch {
      problems.push(`${source} 第 ${i + 1} 行：不是 JSON (not JSON)`);
    }
  });
  return { events, problems };
}
