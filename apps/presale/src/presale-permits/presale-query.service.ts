import { Injectable } from '@nestjs/common';
import { BinaryFileV1, PaperSizeV1, PresalePermitV1, Principal, QrFormatV1 } from '@hn/messages';
import { assertRegionAllowed, regionOf } from '@hn/auth';
import { PresaleErrors } from '../issuance/presale.exception';
import { PrintLayoutRenderer, QrCodeRenderer } from '../print';
import { PresalePermitsRepository } from './presale-permits.repository';

/** Reads of issued presale permits for integrators: record, QR code, print overlay (region-scoped). */
@Injectable()
export class PresaleQueryService {
  constructor(
    private readonly permits: PresalePermitsRepository,
    private readonly qr: QrCodeRenderer,
    private readonly printLayout: PrintLayoutRenderer,
  ) {}

  /**
   * Sandbox credentials see sandbox records, real credentials real ones. The number is well-formed
   * (PresaleNumberBodyV1, applied by @RpcHandler as at the gateway); the region is checked here.
   */
  async get(principal: Principal, presaleNumber: string): Promise<PresalePermitV1> {
    assertRegionAllowed(principal, regionOf(presaleNumber), {
      what: `预售许可证 ${presaleNumber}`,
      field: 'presaleNumber',
    });
    const row = await this.permits.findRecord(principal.sandbox === true, presaleNumber);
    if (!row) throw PresaleErrors.presaleNotFound(presaleNumber);
    assertRegionAllowed(principal, row.region_code, { what: `预售许可证 ${presaleNumber}`, field: 'presaleNumber' });
    return { ...row.record, status: row.status };
  }

  async qrCode(principal: Principal, presaleNumber: string, format: QrFormatV1): Promise<BinaryFileV1> {
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

  /** `paper`: one of PAPER_SIZES (PresalePrintLayoutRequestV1, applied by @RpcHandler as at the gateway). */
  async printOverlay(principal: Principal, presaleNumber: string, paper: PaperSizeV1 = 'A4'): Promise<BinaryFileV1> {
    const permit = await this.get(principal, presaleNumber);
    const pdf = await this.printLayout.render(
      { presaleNumber, verifyUrl: permit.verifyUrl, sandbox: permit.sandbox },
      paper,
    );
    return {
      fileName: `${presaleNumber}-print-layout.pdf`,
      contentType: 'application/pdf',
      contentBase64: pdf.toString('base64'),
    };
  }
}
