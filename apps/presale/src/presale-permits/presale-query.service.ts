import { Injectable } from '@nestjs/common';
import { BinaryFileV1, PaperSizeV1, PresalePermitV1, Principal } from '@hn/messages';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import { parsePresaleNumber } from '@hn/numbering';
import { PresaleErrors } from '../issuance/presale.exception';
import { PAPER_SIZES_MM, PaperSize, PrintLayoutRenderer, QrCodeRenderer } from '../print';
import { PresalePermitsRepository } from './presale-permits.repository';

/** Reads of issued presale permits for integrators: record, QR code, print overlay (region-scoped). */
@Injectable()
export class PresaleQueryService {
  constructor(
    private readonly permits: PresalePermitsRepository,
    private readonly qr: QrCodeRenderer,
    private readonly printLayout: PrintLayoutRenderer,
  ) {}

  /** Sandbox credentials see sandbox records, real credentials real ones. */
  async get(principal: Principal, presaleNumber: string): Promise<PresalePermitV1> {
    if (typeof presaleNumber !== 'string' || !parsePresaleNumber(presaleNumber))
      throw PresaleErrors.invalidNumber(String(presaleNumber));
    assertRegionAllowed(principal, regionOf(presaleNumber), {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    const row = await this.permits.findRecord(principal.sandbox === true, presaleNumber);
    if (!row) throw PresaleErrors.presaleNotFound(presaleNumber);
    assertRegionAllowed(principal, row.region_code, { what: `预售许可证 ${presaleNumber}`, field: 'presaleNumber' });
    return { ...row.record, status: row.status };
  }

  async qrCode(principal: Principal, presaleNumber: string, format: 'png' | 'svg'): Promise<BinaryFileV1> {
    const permit = await this.get(principal, presaleNumber);
    if (format === 'svg') {
      return {
        fileName: `${presaleNumber}.svg`,
        contentType: 'image/svg+xml',
        contentBase64: Buffer.from(await this.qr.svg(permit.verifyUrl)).toString('base64'),
      };
    }
    return {
      fileName: `${presaleNumber}.png`,
      contentType: 'image/png',
      contentBase64: (await this.qr.png(permit.verifyUrl)).toString('base64'),
    };
  }

  async printOverlay(principal: Principal, presaleNumber: string, paper: PaperSizeV1 = 'A4'): Promise<BinaryFileV1> {
    if (!(paper in PAPER_SIZES_MM))
      throw PresaleErrors.incomplete([
        { field: 'paper', reason: `纸张须为 ${Object.keys(PAPER_SIZES_MM).join('/')} (paper size)` },
      ]);
    const permit = await this.get(principal, presaleNumber);
    const pdf = await this.printLayout.render(
      { presaleNumber, verifyUrl: permit.verifyUrl, sandbox: permit.sandbox },
      paper as PaperSize,
    );
    return {
      fileName: `${presaleNumber}-print-layout.pdf`,
      contentType: 'application/pdf',
      contentBase64: pdf.toString('base64'),
    };
  }
}
