import { Injectable } from '@nestjs/common';
import { create, toBuffer, toString as toQrString } from 'qrcode';
import type { QRCode, QRCodeErrorCorrectionLevel } from 'qrcode';

/** 纠错等级 M（约 15% 可恢复）。Error correction level M (~15 % recoverable). */
export const QR_ERROR_CORRECTION: QRCodeErrorCorrectionLevel = 'M';
/**
 * 最高版本 8（49 × 49 模块）：25 mm 印刷时单个模块 ≥ 0.43 mm。
 * Highest allowed version: 8 (49 × 49 modules), so a module is ≥ 0.43 mm when printed at 25 mm.
 */
export const QR_MAX_VERSION = 8;
/** 静区（四周留白）宽度，单位：模块。Quiet zone on every side, in modules (ISO/IEC 18004 minimum). */
export const QR_QUIET_ZONE_MODULES = 4;

const DEFAULT_PNG_SCALE = 8;
const MAX_PNG_SCALE = 64;

/** 二维码模块矩阵（不含静区），按行存储，true 为深色。Module matrix without the quiet zone, row-major, true = dark. */
export interface QrModules {
  /** 每边模块数（版本 v 为 17 + 4v）。Modules per side (17 + 4 × version). */
  size: number;
  data: boolean[];
}

export interface QrPngOptions {
  /** 每个模块的像素数（正整数，默认 8）。Pixels per module (positive integer, default 8). */
  scale?: number;
}

/**
 * 生成核验链接的二维码：纠错等级 M、4 模块静区、版本不超过 8；超出即报错，绝不悄悄缩小模块。
 * Encodes the verify URL as a QR code (level M, 4-module quiet zone, version ≤ 8). A URL that would
 * need a larger version is rejected instead of silently shrinking the printed modules.
 */
@Injectable()
export class QrCodeRenderer {
  /** SVG（含静区）。SVG document including the quiet zone. */
  async svg(url: string): Promise<string> {
    this.encode(url);
    return toQrString(url, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE_MODULES });
  }

  /** PNG（含静区），黑白两色。Black-on-white PNG including the quiet zone. */
  async png(url: string, options: QrPngOptions = {}): Promise<Buffer> {
    const scale = options.scale ?? DEFAULT_PNG_SCALE;
    if (!Number.isInteger(scale) || scale < 1 || scale > MAX_PNG_SCALE) {
      throw new Error(
        `PNG 缩放倍数须为 1–${MAX_PNG_SCALE} 的整数 / PNG scale must be an integer from 1 to ${MAX_PNG_SCALE}: ${scale}`,
      );
    }
    this.encode(url);
    return toBuffer(url, {
      type: 'png',
      errorCorrectionLevel: QR_ERROR_CORRECTION,
      margin: QR_QUIET_ZONE_MODULES,
      scale,
      color: { dark: '#000000ff', light: '#ffffffff' },
    });
  }

  /** 该链接所需的二维码版本（1–8）。The QR version (1–8) the URL needs. */
  version(url: string): number {
    return this.encode(url).version;
  }

  /** 模块矩阵（不含静区）。The module matrix, without the quiet zone. */
  modules(url: string): QrModules {
    const { modules } = this.encode(url);
    return { size: modules.size, data: Array.from(modules.data, (bit) => bit === 1) };
  }

  private encode(url: string): QRCode {
    if (typeof url !== 'string' || url.length === 0) {
      throw new Error('二维码内容不能为空 / QR code content must not be empty');
    }
    const bytes = Buffer.byteLength(url, 'utf8');
    let code: QRCode;
    try {
      code = create(url, { errorCorrectionLevel: QR_ERROR_CORRECTION });
    } catch (cause) {
      // qrcode 在超过版本 40 的容量时抛错。qrcode throws when even version 40 is too small.
      throw new Error(
        `核验链接过长，无法生成二维码（${bytes} 字节）/ Verify URL too long for any QR code (${bytes} bytes)`,
        { cause },
      );
    }
    if (code.version > QR_MAX_VERSION) {
      throw new Error(
        `核验链接过长：需要二维码版本 ${code.version}（纠错等级 ${QR_ERROR_CORRECTION}），超过 25 mm 印刷允许的最高版本 ${QR_MAX_VERSION}，请缩短链接（当前 ${bytes} 字节）` +
          ` / Verify URL too long: it needs QR version ${code.version} at error correction ${QR_ERROR_CORRECTION},` +
          ` above the maximum version ${QR_MAX_VERSION} allowed for a 25 mm print; shorten the URL (${bytes} bytes now)`,
      );
    }
    return code;
  }
}
