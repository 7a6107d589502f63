import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropFileName, writeDailyFile, writeDropFile } from './file-drop-writer';

describe(writeDropFile.name, () => {
  let root = '';
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'hn-drop-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const content = (id: string) => ({
    'webhook-id': id,
    'webhook-timestamp': '1765000000',
    'webhook-signature': 'v1a,xyz',
    body: JSON.stringify({ id, type: 't' }),
  });

  it('writes one whole file under its ordered name, no temp file left; a rewrite replaces it', async () => {
    const names = [dropFileName(10, 'b'), dropFileName(9, 'a'), dropFileName(100, 'c')];
    for (const name of names) expect((await writeDropFile(root, 'gxpt', name, content(name))).written).toBe(true);
    expect(readdirSync(join(root, 'gxpt'))).toEqual([...names].sort());
    expect([...names].sort()[0]).toBe('0000000000000009-a.json');
    expect(
      await writeDropFile(root, 'gxpt', names[0], { ...content(names[0]), 'webhook-timestamp': '2' }),
    ).toMatchObject({
      written: true,
    });
    const kept = JSON.parse(readFileSync(join(root, 'gxpt', names[0]), 'utf8'));
    expect(kept['webhook-timestamp']).toBe('2');
    expect(readdirSync(join(root, 'gxpt'))).toHaveLength(3);
  });

  it('reports a failed write (the directory is a file) and leaves no temp file', async () => {
    writeFileSync(join(root, 'blocked'), 'x');
    const result = await writeDropFile(root, 'blocked', dropFileName(1, 'a'), content('a'));
    expect(result).toMatchObject({ written: false, error: expect.stringMatching(/^文件写入失败 E/) });
    expect(readdirSync(root)).toEqual(['blocked']);
  });

  it('writes the day file: the events’ lines in the manifest’s order, then the manifest; an absent event is left out', async () => {
    const [a, b, gone] = [
      'aaaaaaaa-0000-4000-8000-000000000001',
      'bbbbbbbb-0000-4000-8000-000000000002',
      'cccccccc-0000-4000-8000-000000000003',
    ];
    await writeDropFile(root, 'gxpt', dropFileName(1, a), content(a));
    await writeDropFile(root, 'gxpt', dropFileName(2, b), content(b));
    const manifest = { ...content('m'), body: JSON.stringify({ type: 'hn.exchange.manifest.v1' }) };
    const result = await writeDailyFile(root, 'gxpt', '2026-12-04', [b, gone, a], manifest);
    expect(result).toMatchObject({ written: true, file: join(root, 'gxpt', 'daily', '2026-12-04.ndjson') });
    const lines = readFileSync(result.file!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l['webhook-id'])).toEqual([b, a, 'm']);
    expect(readdirSync(join(root, 'gxpt', 'daily'))).toEqual(['2026-12-04.ndjson']);
  });
});
