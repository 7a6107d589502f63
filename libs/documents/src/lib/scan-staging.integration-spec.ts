import { randomUUID } from 'node:crypto';
import { SCAN_MAX_BYTES } from '@hn/messages';
import { connectNats } from '@hn/testing';
import { NatsConnection } from 'nats';
import { ScanStaging } from './scan-staging';
import { sha256Hex } from './scan-type';

function pdfOf(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write('%PDF-1.7\n', 0, 'latin1');
  return bytes;
}

describe(ScanStaging.name, () => {
  let nc: NatsConnection;
  let staging: ScanStaging;
  beforeAll(async () => {
    nc = await connectNats();
    staging = new ScanStaging(nc);
  });
  afterAll(async () => {
    await nc.close();
  });

  it('carries a 20 MB scan (over the 1 MB message limit) unchanged from stage to take', async () => {
    const bytes = pdfOf(SCAN_MAX_BYTES);
    const ref = await staging.stage(bytes, 'application/pdf', 'permit.pdf');
    expect(ref).toMatchObject({
      sha256: sha256Hex(bytes),
      size: SCAN_MAX_BYTES,
      contentType: 'application/pdf',
      fileName: 'permit.pdf',
    });
    const taken = await staging.take(ref);
    expect(taken.equals(bytes)).toBe(true);
  });

  it('refuses a reference whose digest, size or type does not match the staged bytes (422 SCAN_UNAVAILABLE)', async () => {
    const ref = await staging.stage(pdfOf(2048), 'application/pdf', 'a.pdf');
    await expect(staging.take({ ...ref, sha256: 'f'.repeat(64) })).rejects.toMatchObject({
      problem: { status: 422, code: 'SCAN_UNAVAILABLE' },
    });
    await expect(staging.take({ ...ref, size: 2047 })).rejects.toMatchObject({
      problem: { status: 422, code: 'SCAN_UNAVAILABLE' },
    });
    await expect(staging.take({ ...ref, contentType: 'image/png' })).rejects.toMatchObject({
      problem: { status: 422, code: 'SCAN_UNAVAILABLE' },
    });
  });

  it('reports a missing staging object (expired) as 422 SCAN_UNAVAILABLE, and a malformed reference too', async () => {
    const ref = await staging.stage(pdfOf(100), 'application/pdf', 'a.pdf');
    await expect(staging.take({ ...ref, stagingKey: randomUUID() })).rejects.toMatchObject({
      problem: { status: 422, code: 'SCAN_UNAVAILABLE' },
    });
    await expect(staging.take({ ...ref, stagingKey: '../etc' })).rejects.toMatchObject({
      problem: { status: 422, code: 'SCAN_UNAVAILABLE' },
    });
  });
});
