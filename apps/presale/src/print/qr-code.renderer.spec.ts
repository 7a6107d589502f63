import { createHash } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { QR_MAX_VERSION, QR_QUIET_ZONE_MODULES, QrCodeRenderer } from './qr-code.renderer';

/** 当前核验链接的前缀（52 个字符）。Current verify URL prefix (52 characters). */
const VERIFY_PREFIX = 'https://presale.hunan.gov.cn/public/v1/verify?token=';
/** 全大写、全字母数字模式可编码的形式（31 个字符）。An all-uppercase prefix QR alphanumeric mode can hold. */
const ALPHANUMERIC_PREFIX = 'HTTPS://PRESALE.HUNAN.GOV.CN/V/';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 可复现的伪随机令牌字符（SHA-256 链）。Reproducible pseudo-random token characters (SHA-256 chain). */
function token(alphabet: string, length: number, seed = 'hn-presale'): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    for (const byte of createHash('sha256').update(`${seed}:${i}`).digest()) out += alphabet[byte % alphabet.length];
  }
  return out.slice(0, length);
}

function verifyUrl(length: number): string {
  return VERIFY_PREFIX + token(BASE64URL, length - VERIFY_PREFIX.length);
}

function decodePng(png: Buffer): { text: string; version: number } | null {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  return code ? { text: code.data, version: code.version } : null;
}

describe(QrCodeRenderer.name, () => {
  const renderer = new QrCodeRenderer();

  it('renders a PNG that decodes back to the URL', async () => {
    const url = verifyUrl(150);
    const png = await renderer.png(url);
    expect(decodePng(png)).toEqual({ text: url, version: renderer.version(url) });
  });

  it('sizes the PNG as (modules + 2 × quiet zone) × scale pixels', async () => {
    const url = verifyUrl(120);
    const { size } = renderer.modules(url);
    const image = PNG.sync.read(await renderer.png(url, { scale: 3 }));
    expect(image.width).toBe((size + 2 * QR_QUIET_ZONE_MODULES) * 3);
    expect(image.height).toBe(image.width);
    expect(decodePng(await renderer.png(url, { scale: 3 }))?.text).toBe(url);
  });

  it('rejects a PNG scale that is not a positive integer', async () => {
    await expect(renderer.png(verifyUrl(100), { scale: 0 })).rejects.toThrow(/PNG scale/);
    await expect(renderer.png(verifyUrl(100), { scale: 2.5 })).rejects.toThrow(/缩放倍数/);
  });

  it('renders an SVG including the 4-module quiet zone', async () => {
    const url = verifyUrl(152);
    const svg = await renderer.svg(url);
    expect(svg.startsWith('<svg')).toBe(true);
    const side = renderer.modules(url).size + 2 * QR_QUIET_ZONE_MODULES;
    expect(svg).toContain(`viewBox="0 0 ${side} ${side}"`);
  });

  it('fits a 200-character URL in version ≤ 8 when it uses QR alphanumeric mode (uppercase, base32 token)', async () => {
    const url = ALPHANUMERIC_PREFIX + token(BASE32, 200 - ALPHANUMERIC_PREFIX.length);
    expect(url).toHaveLength(200);
    expect(renderer.version(url)).toBeLessThanOrEqual(QR_MAX_VERSION);
    expect(decodePng(await renderer.png(url))?.text).toBe(url);
  });

  it('holds at most 152 bytes of a mixed-case (byte mode) URL at version 8', () => {
    expect(renderer.version(verifyUrl(152))).toBe(8);
    expect(() => renderer.version(verifyUrl(153))).toThrow(/版本 9.*version 9/s);
  });

  it('rejects today’s verify URL shape with a 135-character base64url token (187 characters → version 10)', () => {
    const url = verifyUrl(VERIFY_PREFIX.length + 135);
    expect(url).toHaveLength(187);
    expect(() => renderer.modules(url)).toThrow(/需要二维码版本 10.*QR version 10 at error correction M/s);
  });

  it('rejects a 200-character mixed-case URL (version 10) and far longer URLs', async () => {
    expect(() => renderer.version(verifyUrl(200))).toThrow(/maximum version 8/);
    expect(() => renderer.version(verifyUrl(600))).toThrow(/核验链接过长/);
    expect(() => renderer.version(verifyUrl(5000))).toThrow(/too long for any QR code/);
    await expect(renderer.svg(verifyUrl(600))).rejects.toThrow(/maximum version 8/);
    await expect(renderer.png(verifyUrl(600))).rejects.toThrow(/maximum version 8/);
  });

  it('rejects empty content', () => {
    expect(() => renderer.version('')).toThrow(/不能为空.*must not be empty/s);
  });

  it('exposes the module matrix without the quiet zone', () => {
    const url = verifyUrl(150);
    const { size, data } = renderer.modules(url);
    expect(size).toBe(17 + 4 * renderer.version(url));
    expect(data).toHaveLength(size * size);
    // 左上角定位图形的首行为 7 个深色模块，之后为浅色分隔符。Top-left finder: 7 dark modules, then the separator.
    expect(data.slice(0, 8)).toEqual([true, true, true, true, true, true, true, false]);
  });
});
