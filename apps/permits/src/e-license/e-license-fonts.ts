import { readFile } from 'node:fs/promises';

/** The two Noto Serif SC faces used by the e-license (OFL-1.1, from @expo-google-fonts/noto-serif-sc). */
export interface ELicenseFontBytes {
  regular: Buffer;
  bold: Buffer;
}

export const E_LICENSE_FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

let cached: Promise<ELicenseFontBytes> | null = null;

/**
 * 字体文件只读取一次（约 2 × 15 MB），之后所有渲染共用同一份字节；pdfkit 每次只嵌入用到的字形子集。
 * Reads the font files once per process and shares the bytes; a failed read is not cached, so the
 * next render retries.
 */
export function loadELicenseFonts(): Promise<ELicenseFontBytes> {
  if (!cached) {
    const loading = Promise.all([
      readFile(require.resolve(E_LICENSE_FONT_FILES.regular)),
      readFile(require.resolve(E_LICENSE_FONT_FILES.bold)),
    ]).then(([regular, bold]) => ({ regular, bold }));
    cached = loading;
    loading.catch(() => {
      if (cached === loading) cached = null;
    });
  }
  return cached;
}
