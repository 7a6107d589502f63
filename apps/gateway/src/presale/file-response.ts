import { StreamableFile } from '@nestjs/common';
import { DecodedFile } from './presale-gateway.service';

/** Content-Disposition with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return ascii === fileName
    ? `${kind}; filename="${ascii}"`
    : `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function fileResponse(file: DecodedFile): StreamableFile {
  return new StreamableFile(file.content, {
    type: file.contentType,
    disposition: contentDisposition('inline', file.fileName),
    length: file.content.length,
  });
}
