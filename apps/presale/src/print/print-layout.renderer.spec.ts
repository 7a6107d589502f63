import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import pdfParse from 'pdf-parse/lib/pdf-parse';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { loadPrintFont } from './print-font.loader';
import {
  CAPTION_FONT_SIZE_PT,
  FONT_LINE_HEIGHT_EM,
  PAPER_SIZES_MM,
  PRINTABLE_EDGE_MM,
  PrintLayoutRenderer,
  QR_CAPTION,
  SANDBOX_WATERMARK,
  layoutFor,
  mmToPt,
  type PaperSize,
  type PrintLayout,
} from './print-layout.renderer';
import { QR_QUIET_ZONE_MODULES, QrCodeRenderer } from './qr-code.renderer';

const KB = 1024;
const MM_25_PT = 70.8661;
const MM_15_PT = 42.5197;
const PRESALE_NUMBER = '430223202406200101-Y01';
/** 版本 8 能容纳的最长字节模式核验链接（152 字符）。Longest byte-mode verify URL that fits version 8. */
const VERIFY_URL =
  'https://presale.hunan.gov.cn/public/v1/verify?token=' +
  'eyJrIjoiaG4yMDI2IiwibiI6IjQzMDIyMzIwMjQwNjIwMDEwMS1ZMDEiLCJkIjoiMjAyNjExMjciLCJpIjo0MiwicyI6Ik1FVUNp';

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** 去掉 pdf-parse 换行与空格后的文本。Extracted text without the spaces and breaks pdf-parse adds. */
const compact = (text: string): string => text.replace(/\s+/g, '');

/** 解压 PDF 中所有 Flate 流，返回页面内容流（含文本与路径）。Inflates every Flate stream and returns the page content. */
function pageContent(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const contents: string[] = [];
  let from = 0;
  for (;;) {
    const start = raw.indexOf('stream\n', from);
    if (start < 0) break;
    const end = raw.indexOf('\nendstream', start);
    try {
      const text = inflateSync(pdf.subarray(start + 'stream\n'.length, end)).toString('latin1');
      if (/\bBT\b/.test(text) && / re\b/.test(text)) contents.push(text);
    } catch {
      // 非 Flate 流（不会出现）。Not a Flate stream.
    }
    from = end + '\nendstream'.length;
  }
  expect(contents).toHaveLength(1);
  return contents[0];
}

/** 内容流中的全部矩形（pdfkit 已把坐标系翻转为自上而下）。All `re` rectangles, in pdfkit's top-down space. */
function rectangles(content: string): Rect[] {
  const num = '(-?\\d+(?:\\.\\d+)?)';
  const pattern = new RegExp(`${num} ${num} ${num} ${num} re`, 'g');
  return [...content.matchAll(pattern)].map((m) => ({ x: +m[1], y: +m[2], w: +m[3], h: +m[4] }));
}

/**
 * 把 PDF 中画出的深色矩形还原为模块矩阵（含静区），并检查每个矩形都落在模块网格上。
 * Rebuilds the module grid (quiet zone included) from the dark rectangles drawn in the PDF and checks
 * each one sits exactly on the module grid.
 */
function drawnGrid(rects: Rect[], layout: PrintLayout, side: number): boolean[] {
  const moduleSize = layout.qr.size / side;
  const grid = new Array<boolean>(side * side).fill(false);
  const toModules = (pt: number): number => {
    const value = pt / moduleSize;
    expect(Math.abs(value - Math.round(value))).toBeLessThan(1e-3);
    return Math.round(value);
  };
  for (const rect of rects) {
    const col = toModules(rect.x - layout.qr.x);
    const row = toModules(rect.y - layout.qr.y);
    const width = toModules(rect.w);
    expect(toModules(rect.h)).toBe(1);
    expect(col).toBeGreaterThanOrEqual(QR_QUIET_ZONE_MODULES);
    expect(col + width).toBeLessThanOrEqual(side - QR_QUIET_ZONE_MODULES);
    for (let c = col; c < col + width; c++) grid[row * side + c] = true;
  }
  return grid;
}

/** 模块矩阵 → PNG（pngjs）→ jsQR 解码。Module grid → PNG via pngjs → decoded by jsQR. */
function decodeGrid(grid: boolean[], side: number, scale = 4): string | null {
  const png = new PNG({ width: side * scale, height: side * scale });
  for (let y = 0; y < side * scale; y++) {
    for (let x = 0; x < side * scale; x++) {
      const value = grid[Math.floor(y / scale) * side + Math.floor(x / scale)] ? 0 : 255;
      png.data.set([value, value, value, 255], (y * side * scale + x) * 4);
    }
  }
  const image = PNG.sync.read(PNG.sync.write(png));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

function expectClose(actual: number, expected: number, tolerance = 0.01): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}

describe(PrintLayoutRenderer.name, () => {
  const qrCodes = new QrCodeRenderer();
  const renderer = new PrintLayoutRenderer(qrCodes);

  describe(layoutFor.name, () => {
    it.each<[PaperSize, number, number]>([
      ['A4', 595.2756, 841.8898],
      ['A5', 419.5276, 595.2756],
    ])('%s: QR exactly 25 mm at the bottom-left, number 11 pt at the top-left', (paper, width, height) => {
      const layout = layoutFor(paper);
      expectClose(layout.page.width, width);
      expectClose(layout.page.height, height);
      expectClose(layout.qr.size, MM_25_PT);
      expectClose(layout.qr.x, MM_15_PT);
      expect(layout.number).toEqual({ x: layout.qr.x, y: layout.qr.x, fontSize: 11 });
      expectClose(layout.number.y, MM_15_PT);
      expect(layout.caption.fontSize).toBeGreaterThanOrEqual(6);
      expect(layout.caption.fontSize).toBe(CAPTION_FONT_SIZE_PT);
      expect(layout.caption.align).toBe('center');
      expectClose(layout.caption.x, layout.qr.x + layout.qr.size / 2);
      // 说明文字在二维码下方 1 mm，其行框底边距纸张下边 15 mm。Caption 1 mm under the QR; its box ends 15 mm above the bottom.
      expectClose(layout.caption.y - (layout.qr.y + layout.qr.size), mmToPt(1));
      expectClose(height - (layout.caption.y + layout.caption.fontSize * FONT_LINE_HEIGHT_EM), MM_15_PT);
    });

    it('keeps the QR 25 mm and inside the page on every paper size', () => {
      for (const paper of Object.keys(PAPER_SIZES_MM) as PaperSize[]) {
        const layout = layoutFor(paper);
        expectClose(layout.qr.size, MM_25_PT);
        expect(layout.qr.y).toBeGreaterThan(layout.number.y + 2 * layout.number.fontSize);
        expect(layout.qr.x + layout.qr.size).toBeLessThan(layout.page.width);
      }
    });

    it('rejects an unknown paper size', async () => {
      expect(() => layoutFor('A6' as PaperSize)).toThrow(/不支持的纸张规格.*Unsupported paper size: A6/s);
      await expect(
        renderer.render({ presaleNumber: PRESALE_NUMBER, verifyUrl: VERIFY_URL }, 'toString' as PaperSize),
      ).rejects.toThrow(/Unsupported paper size/);
    });

    it('uses the real Noto Serif SC line height and keeps the one-line caption inside the printable page', async () => {
      const doc = new PDFDocument({ size: 'A5' });
      doc.registerFont('serif', await loadPrintFont());
      doc.font('serif').fontSize(1);
      expectClose(doc.currentLineHeight(true), FONT_LINE_HEIGHT_EM, 1e-6);
      doc.fontSize(CAPTION_FONT_SIZE_PT);
      const width = doc.widthOfString(QR_CAPTION);
      for (const paper of Object.keys(PAPER_SIZES_MM) as PaperSize[]) {
        const { caption, page } = layoutFor(paper);
        expect(caption.x - width / 2).toBeGreaterThanOrEqual(mmToPt(PRINTABLE_EDGE_MM));
        expect(caption.x + width / 2).toBeLessThanOrEqual(page.width - mmToPt(PRINTABLE_EDGE_MM));
      }
      doc.end();
    });
  });

  describe('render', () => {
    let pdf: Buffer;
    beforeAll(async () => {
      pdf = await renderer.render({ presaleNumber: PRESALE_NUMBER, verifyUrl: VERIFY_URL });
    });

    it('produces a small, valid one-page PDF with the number and the caption as text', async () => {
      expect(VERIFY_URL).toHaveLength(152);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.subarray(-8).toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
      console.log(
        `PrintLayoutRenderer: A4 overlay ${(pdf.length / KB).toFixed(1)} KB, QR version ${qrCodes.version(VERIFY_URL)}`,
      );
      expect(pdf.length).toBeLessThan(400 * KB);
      const parsed = await pdfParse(pdf);
      expect(parsed.numpages).toBe(1);
      const text = compact(parsed.text);
      expect(text).toContain(PRESALE_NUMBER);
      expect(text).toContain(QR_CAPTION);
      expect(text).not.toContain('非正式证书');
    });

    it('embeds Noto Serif SC as a subset and no raster image', () => {
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC/);
      expect(raw).toContain('/FontFile2');
      expect(raw).not.toContain('/Subtype /Image');
    });

    it('sets the number in 11 pt and the caption in 6.5 pt at the layout positions', () => {
      const content = pageContent(pdf);
      const sizes = [...content.matchAll(/\/F\d+ (\d+(?:\.\d+)?) Tf/g)].map((m) => Number(m[1]));
      expect(sizes).toEqual([11, CAPTION_FONT_SIZE_PT]);
      const layout = layoutFor('A4');
      // Tm 为 PDF 原生坐标（自下而上，基线）。Tm is in native PDF space (bottom-up, at the baseline).
      const origins = [...content.matchAll(/1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
      expectClose(origins[0][0], layout.number.x);
      expectClose(origins[0][1], layout.page.height - layout.number.y - 11 * 1.151);
      expect(origins[origins.length - 1][0]).toBeGreaterThanOrEqual(mmToPt(PRINTABLE_EDGE_MM));
      expectClose(origins[origins.length - 1][1], layout.page.height - layout.caption.y - CAPTION_FONT_SIZE_PT * 1.151);
    });

    it('draws the QR as vector modules on a 25 mm grid that decodes to the verify URL', () => {
      const layout = layoutFor('A4');
      const rects = rectangles(pageContent(pdf));
      const background = rects.filter((r) => r.w > layout.qr.size - 0.01);
      expect(background).toHaveLength(1);
      expectClose(background[0].x, layout.qr.x, 1e-4);
      expectClose(background[0].y, layout.qr.y, 1e-4);
      expectClose(background[0].w, MM_25_PT);
      expectClose(background[0].h, MM_25_PT);

      const modules = qrCodes.modules(VERIFY_URL);
      const side = modules.size + 2 * QR_QUIET_ZONE_MODULES;
      const grid = drawnGrid(
        rects.filter((r) => r !== background[0]),
        layout,
        side,
      );
      const inner = grid.filter((_, i) => {
        const row = Math.floor(i / side) - QR_QUIET_ZONE_MODULES;
        const col = (i % side) - QR_QUIET_ZONE_MODULES;
        return row >= 0 && row < modules.size && col >= 0 && col < modules.size;
      });
      expect(inner).toEqual(modules.data);
      expect(decodeGrid(grid, side)).toBe(VERIFY_URL);
    });

    it('adds the sandbox watermark and still draws a decodable QR', async () => {
      const sandboxPdf = await renderer.render(
        { presaleNumber: PRESALE_NUMBER, verifyUrl: VERIFY_URL, sandbox: true },
        'A5',
      );
      const parsed = await pdfParse(sandboxPdf);
      expect(parsed.numpages).toBe(1);
      const text = compact(parsed.text);
      expect(text).toContain(compact(SANDBOX_WATERMARK));
      expect(text).toContain(PRESALE_NUMBER);
      expect(text).toContain(QR_CAPTION);

      const layout = layoutFor('A5');
      const side = qrCodes.modules(VERIFY_URL).size + 2 * QR_QUIET_ZONE_MODULES;
      const rects = rectangles(pageContent(sandboxPdf)).filter((r) => r.w < layout.qr.size - 0.01);
      expect(decodeGrid(drawnGrid(rects, layout, side), side)).toBe(VERIFY_URL);
    });

    it.each(Object.keys(PAPER_SIZES_MM) as PaperSize[])('renders one page on %s', async (paper) => {
      const out = await renderer.render({ presaleNumber: PRESALE_NUMBER, verifyUrl: VERIFY_URL }, paper);
      const parsed = await pdfParse(out);
      expect(parsed.numpages).toBe(1);
      const mm = PAPER_SIZES_MM[paper];
      const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(out.toString('latin1'));
      expectClose(Number(box?.[1]), mmToPt(mm.width));
      expectClose(Number(box?.[2]), mmToPt(mm.height));
    });

    it('rejects a verify URL that needs QR version > 8 and an empty or multi-line number', async () => {
      await expect(renderer.render({ presaleNumber: PRESALE_NUMBER, verifyUrl: `${VERIFY_URL}x` })).rejects.toThrow(
        /QR version 9/,
      );
      await expect(renderer.render({ presaleNumber: '  ', verifyUrl: VERIFY_URL })).rejects.toThrow(/编号/);
      await expect(renderer.render({ presaleNumber: 'a\nb', verifyUrl: VERIFY_URL })).rejects.toThrow(/one line/);
    });

    it('reads the font file once and reuses the bytes', async () => {
      expect(await loadPrintFont()).toBe(await loadPrintFont());
      expect(new PrintLayoutRenderer()).toBeInstanceOf(PrintLayoutRenderer);
    });
  });
});
