import { Injectable } from '@nestjs/common';
import { ELicenseV1, Principal } from '@hn/messages';
import { ELicenseRenderer } from '../e-license/e-license-renderer';
import { ConstructionPermitsRepository } from './construction-permits.repository';
import { ConstructionPermitsService } from './construction-permits.service';
import { toUnitV1 } from './permit-mapper';
import { SandboxPermitsService } from './sandbox-permits.service';

/**
 * The permit's e-license: the uploaded file when there is one, else a PDF rendered from its data (a
 * PRESALE permit with the capital guarantee and escrow its approval application recorded).
 */
@Injectable()
export class ELicenseService {
  constructor(
    private readonly repository: ConstructionPermitsRepository,
    private readonly permits: ConstructionPermitsService,
    private readonly renderer: ELicenseRenderer,
    private readonly sandbox: SandboxPermitsService,
  ) {}

  async get(principal: Principal, permitNumber: string): Promise<ELicenseV1> {
    const permit = await this.permits.loadInScope(principal, permitNumber);
    if (permit.sandbox) {
      // a sandbox permit has no uploaded file: rendered from its sandbox data
      const pdf = await this.renderer.render(permit, await this.sandbox.units(permitNumber));
      return {
        fileName: `${permitNumber}-sandbox.pdf`,
        contentType: 'application/pdf',
        contentBase64: pdf.toString('base64'),
      };
    }
    const uploaded = await this.repository.uploadedELicense(permitNumber);
    if (uploaded) {
      return {
        fileName: uploaded.fileName,
        contentType: 'application/pdf',
        contentBase64: uploaded.content.toString('base64'),
      };
    }
    const units = await this.repository.units(permitNumber);
    const presale = permit.projectType === 'PRESALE' ? await this.repository.approvalPresaleFields(permitNumber) : null;
    const pdf = await this.renderer.render(permit, units.map(toUnitV1), { presale });
    return { fileName: `${permitNumber}.pdf`, contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
  }
}
