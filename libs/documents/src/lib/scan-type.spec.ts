import { checkScanBytes, detectScanType, safeFileName } from './scan-type';

describe('scan type', () => {
  it('reads PDF, PNG and JPEG from the content, not the name', () => {
    expect(detectScanType(Buffer.from('%PDF-1.4 …'))).toBe('application/pdf');
    expect(detectScanType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(detectScanType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
    expect(detectScanType(Buffer.from('GIF89a'))).toBeNull();
    expect(detectScanType(Buffer.from('PK\u0003\u0004 docx'))).toBeNull();
    expect(detectScanType(Buffer.alloc(0))).toBeNull();
  });

  it('checks emptiness, size and type', () => {
    expect(checkScanBytes(Buffer.alloc(0))).toEqual({ ok: false, problem: 'EMPTY' });
    expect(checkScanBytes(Buffer.from('%PDF-1.4 12345'), 10)).toEqual({ ok: false, problem: 'TOO_LARGE' });
    expect(checkScanBytes(Buffer.from('hello'))).toEqual({ ok: false, problem: 'UNSUPPORTED_TYPE' });
    expect(checkScanBytes(Buffer.from('%PDF-1.4'))).toEqual({ ok: true, contentType: 'application/pdf' });
  });

  it('keeps only a display-safe base name', () => {
    expect(safeFileName('C:\\scans\\预售证.pdf', 'scan')).toBe('预售证.pdf');
    expect(safeFileName('../../etc/passwd', 'scan')).toBe('passwd');
    expect(safeFileName('a\u0000b\nc.png', 'scan')).toBe('abc.png');
    expect(safeFileName(undefined, 'scan')).toBe('scan');
    expect(safeFileName('x'.repeat(300), 'scan')).toHaveLength(200);
  });
});
