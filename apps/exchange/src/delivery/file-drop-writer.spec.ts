import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropFileName, writeDropFile } from './file-drop-writer';

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
});
