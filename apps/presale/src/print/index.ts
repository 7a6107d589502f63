export { QrCodeRenderer, QR_ERROR_CORRECTION, QR_MAX_VERSION, QR_QUIET_ZONE_MODULES } from './qr-code.renderer';
export type { QrModules, QrPngOptions } from './qr-code.renderer';
export {
  PrintLayoutRenderer,
  PAPER_SIZES_MM,
  QR_CAPTION,
  SANDBOX_WATERMARK,
  layoutFor,
  mmToPt,
} from './print-layout.renderer';
export type { PaperSize, PrintLayout, PrintLayoutInput } from './print-layout.renderer';
