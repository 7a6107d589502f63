import { Injectable, Optional } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import type { PaperSizeV1 } from '@hn/messages';
import { loadPrintFont } from './print-font.loader';
import { QR_QUIET_ZONE_MODULES, QrCodeRenderer, type QrModules } from './qr-code.renderer';

type Doc = PDFKit.PDFDocument;

/**
 * 支持的纸张规格（须与预印证书纸张一致）。Supported paper sizes (must match the pre-printed certificate):
 * the sizes a print-layout request may name (PAPER_SIZES of @hn/messages).
 */
export type PaperSize = PaperSizeV1;

export interface PaperDimensionsMm {
  readonly width: number;
  readonly height: number;
}

/** 纸张尺寸（纵向，毫米）；B5 为 ISO 216 / GB/T 148 的 176 × 250 mm。Portrait sizes in mm; B5 is ISO 216. */
export const PAPER_SIZES_MM: Readonly<Record<PaperSize, PaperDimensionsMm>> = Object.freeze({
  A4: Object.freeze({ width: 210, height: 297 }),
  A3: Object.freeze({ width: 297, height: 420 }),
  A5: Object.freeze({ width: 148, height: 210 }),
  B5: Object.freeze({ width: 176, height: 250 }),
  LETTER: Object.freeze({ width: 215.9, height: 279.4 }),
});

/** 1 mm = 72 / 25.4 pt. */
export const PT_PER_MM = 72 / 25.4;
/** 左、上、下边距。Left, top and bottom margin. */
export const PRINT_MARGIN_MM = 15;
/** 二维码（含 4 模块静区）的印刷边长。Printed side of the QR symbol, quiet zone included. */
export const QR_PRINT_SIZE_MM = 25;
/** 二维码与说明文字之间的间距。Gap between the QR symbol and its caption. */
export const CAPTION_GAP_MM = 1;
/** 说明文字离纸边的最小距离（打印机不可打印区）。Closest the caption may come to the paper edge. */
export const PRINTABLE_EDGE_MM = 5;
export const NUMBER_FONT_SIZE_PT = 11;
export const CAPTION_FONT_SIZE_PT = 6.5;
/** 思源宋体行高：(ascender 1151 − descender −286) / 1000，无行距。Noto Serif SC line height, no line gap. */
export const FONT_LINE_HEIGHT_EM = 1.437;
export const QR_CAPTION = '湘建云APP或湖南智慧住建公众号扫码查询';
export const SANDBOX_WATERMARK = '测试 TEST — 非正式证书';

const FONT_NAME = 'NotoSerifSC-Regular';
const WATERMARK_MAX_FONT_SIZE_PT = 40;
const WATERMARK_ANGLE_DEG = -30;
const WATERMARK_COLOR = '#c00000';
const WATERMARK_OPACITY = 0.35;
const MAX_NUMBER_LENGTH = 64;

export function mmToPt(mm: number): number {
  return mm * PT_PER_MM;
}

/**
 * 套打版面，单位为 PDF 点（pt），y 自页面顶部向下量（与 pdfkit 一致）。
 * Overlay geometry in PDF points, y measured down from the top of the page (as pdfkit does).
 */
export interface PrintLayout {
  paper: PaperSize;
  page: { width: number; height: number };
  /** 二维码含静区的外框：左上角 (x, y)，边长 size。QR box including the quiet zone: top-left corner and side. */
  qr: { x: number; y: number; size: number };
  /** 编号行框左上角。Top-left corner of the number's line box. */
  number: { x: number; y: number; fontSize: number };
  /** 说明文字：x 为居中基准线（二维码中线），y 为行框顶部。Caption: x is the centre line, y the line-box top. */
  caption: { x: number; y: number; fontSize: number; align: 'center' };
}

/**
 * 计算指定纸张的套打版面：编号左上（距左、上边 15 mm，11 pt）；二维码左下（距左边 15 mm，
 * 二维码与说明文字整体距下边 15 mm），二维码含静区恰为 25 × 25 mm；说明文字 6.5 pt，位于二维码正下方居中。
 * Overlay geometry: the number top-left (15 mm from the left and top edges, 11 pt); the QR symbol
 * bottom-left (15 mm from the left edge; QR plus caption end 15 mm above the bottom edge), exactly
 * 25 × 25 mm including its quiet zone; the 6.5 pt caption centred under it.
 */
export function layoutFor(paper: PaperSize): PrintLayout {
  if (typeof paper !== 'string' || !Object.hasOwn(PAPER_SIZES_MM, paper)) {
    const supported = Object.keys(PAPER_SIZES_MM).join(', ');
    throw new Error(`不支持的纸张规格 / Unsupported paper size: ${String(paper)} (supported: ${supported})`);
  }
  const mm = PAPER_SIZES_MM[paper];
  const page = { width: mmToPt(mm.width), height: mmToPt(mm.height) };
  const margin = mmToPt(PRINT_MARGIN_MM);
  const qrSize = mmToPt(QR_PRINT_SIZE_MM);
  const captionHeight = CAPTION_FONT_SIZE_PT * FONT_LINE_HEIGHT_EM;
  const captionY = page.height - margin - captionHeight;
  const qrY = captionY - mmToPt(CAPTION_GAP_MM) - qrSize;
  return {
    paper,
    page,
    qr: { x: margin, y: qrY, size: qrSize },
    number: { x: margin, y: margin, fontSize: NUMBER_FONT_SIZE_PT },
    caption: { x: margin + qrSize / 2, y: captionY, fontSize: CAPTION_FONT_SIZE_PT, align: 'center' },
  };
}

export interface PrintLayoutInput {
  /** 预售许可证编号，如 430223202406200101-Y01。Presale permit number. */
  presaleNumber: string;
  /** 二维码中的核验链接。Verify URL encoded in the QR code. */
  verifyUrl: string;
  /** 沙箱（测试）证书：加印“测试 TEST — 非正式证书”水印。Sandbox certificate: adds a visible watermark. */
  sandbox?: boolean;
}

/**
 * 生成套打层 PDF（单页）：打印到预印的商品房预售许可证上。二维码以矢量矩形绘制（非位图），
 * 中文使用思源宋体（Noto Serif SC），只嵌入用到的字形子集。打印时须选“实际大小 / 100%”。
 * Renders the one-page overlay PDF printed onto the pre-printed presale permit. The QR code is drawn
 * as vector rectangles from its module matrix; text uses Noto Serif SC, embedded as a subset. Print
 * at 100 % ("actual size") or the 25 mm will not hold.
 */
@Injectable()
export class PrintLayoutRenderer {
  constructor(@Optional() private readonly qrCodes: QrCodeRenderer = new QrCodeRenderer()) {}

  async render(input: PrintLayoutInput, paper: PaperSize = 'A4'): Promise<Buffer> {
    const layout = layoutFor(paper);
    const presaleNumber = checkedNumber(input.presaleNumber);
    const modules = this.qrCodes.modules(input.verifyUrl);
    const sandbox = input.sandbox === true;
    const font = await loadPrintFont();

    const doc = new PDFDocument({
      size: [layout.page.width, layout.page.height],
      margin: 0,
      autoFirstPage: true,
      info: {
        Title: `${sandbox ? '[测试 TEST] ' : ''}商品房预售许可证套打 ${presaleNumber}`,
        Author: '湖南省预售商品房监管平台',
        Subject: '预售许可证编号与核验二维码套打层 (presale permit print overlay)',
        Keywords: presaleNumber,
      },
    });
    const done = collect(doc);
    doc.registerFont(FONT_NAME, font);

    if (sandbox) this.drawWatermark(doc, layout);
    this.drawNumber(doc, layout, presaleNumber);
    this.drawQr(doc, layout, modules);
    this.drawCaption(doc, layout);

    doc.end();
    return done;
  }

  private drawNumber(doc: Doc, layout: PrintLayout, presaleNumber: string): void {
    doc.font(FONT_NAME).fontSize(layout.number.fontSize).fillColor('#000000');
    doc.text(presaleNumber, layout.number.x, layout.number.y, { lineBreak: false });
  }

  /** 白底（静区）+ 黑色模块；每行相邻深色模块合并为一个矩形。White quiet zone, then dark runs merged per row. */
  private drawQr(doc: Doc, layout: PrintLayout, modules: QrModules): void {
    const { x, y, size } = layout.qr;
    const moduleSize = size / (modules.size + 2 * QR_QUIET_ZONE_MODULES);
    doc.rect(x, y, size, size).fill('#ffffff');
    for (let row = 0; row < modules.size; row++) {
      let runStart = -1;
      for (let col = 0; col <= modules.size; col++) {
        const dark = col < modules.size && modules.data[row * modules.size + col];
        if (dark && runStart < 0) runStart = col;
        if (!dark && runStart >= 0) {
          doc.rect(
            x + (QR_QUIET_ZONE_MODULES + runStart) * moduleSize,
            y + (QR_QUIET_ZONE_MODULES + row) * moduleSize,
            (col - runStart) * moduleSize,
            moduleSize,
          );
          runStart = -1;
        }
      }
    }
    doc.fill('#000000');
  }

  /** 一行居中于二维码下方；宽于二维码时向两侧伸出，但不进入纸边 5 mm。One line, centred, kept 5 mm off the edge. */
  private drawCaption(doc: Doc, layout: PrintLayout): void {
    const { caption, page } = layout;
    doc.font(FONT_NAME).fontSize(caption.fontSize).fillColor('#000000');
    const width = doc.widthOfString(QR_CAPTION);
    const edge = mmToPt(PRINTABLE_EDGE_MM);
    const left = Math.min(Math.max(caption.x - width / 2, edge), page.width - edge - width);
    doc.text(QR_CAPTION, left, caption.y, { lineBreak: false });
  }

  /** 页面中央斜向半透明红色水印。Translucent red diagonal watermark across the middle of the page. */
  private drawWatermark(doc: Doc, layout: PrintLayout): void {
    const { width, height } = layout.page;
    doc.font(FONT_NAME).fontSize(1);
    const widthPerPt = doc.widthOfString(SANDBOX_WATERMARK);
    const fontSize = Math.min(WATERMARK_MAX_FONT_SIZE_PT, (0.9 * Math.min(width, height)) / widthPerPt);
    const cx = width / 2;
    const cy = height / 2;
    doc.save();
    doc.rotate(WATERMARK_ANGLE_DEG, { origin: [cx, cy] });
    doc.fontSize(fontSize).fillColor(WATERMARK_COLOR).fillOpacity(WATERMARK_OPACITY);
    doc.text(SANDBOX_WATERMARK, cx - (widthPerPt * fontSize) / 2, cy - (fontSize * FONT_LINE_HEIGHT_EM) / 2, {
      lineBreak: false,
    });
    doc.restore();
    doc.fillColor('#000000').fillOpacity(1);
  }
}

function checkedNumber(value: string): string {
  const number = typeof value === 'string' ? value.trim() : '';
  if (number.length === 0 || number.length > MAX_NUMBER_LENGTH || /[\r\n\t]/.test(number)) {
    throw new Error(
      `预售许可证编号须为 1–${MAX_NUMBER_LENGTH} 个字符的单行文本 / Presale number must be one line of 1–${MAX_NUMBER_LENGTH} characters`,
    );
  }
  return number;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
