import { readFile } from 'node:fs/promises';

/**
 * 宋体风格字体：思源宋体 Noto Serif SC Regular（SIL OFL 1.1，来自 @expo-google-fonts/noto-serif-sc）。
 * Song-style face: Noto Serif SC Regular (SIL OFL 1.1), from @expo-google-fonts/noto-serif-sc.
 */
export const PRINT_FONT_FILE = '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf';

let cached: Promise<Buffer> | null = null;

/**
 * 字体文件（约 15 MB）每个进程只读取一次；pdfkit 每次只把用到的字形子集嵌入 PDF。读取失败不缓存，下次重试。
 * Reads the font file (~15 MB) once per process and shares the bytes; pdfkit embeds only the glyphs
 * used. A failed read is not cached, so the next render retries.
 */
export function loadPrintFont(): Promise<Buffer> {
  if (!cached) {
    const loading = readFile(require.resolve(PRINT_FONT_FILE));
    cached = loading;
    loading.catch(() => {
      if (cached === loading) cached = null;
    });
  }
  return cached;
}
