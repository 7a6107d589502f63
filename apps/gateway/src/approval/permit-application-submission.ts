import type { PermitApplicationSubmissionV1, ScanRefV1 } from '@hn/messages';
import { DomainException } from '@hn/errors';
import type { FastifyRequest } from 'fastify';
import { ScanUploadService } from '../scans/scan-upload.service';
import { PermitApplicationPipe } from './approval-inputs';

/** Stands for the staged scan while `data` is validated (the scan is staged only after `data` passes). */
export const PENDING_SCAN: ScanRefV1 = {
  stagingKey: '00000000-0000-4000-8000-000000000000',
  sha256: '0'.repeat(64),
  contentType: 'application/pdf',
  size: 1,
  fileName: 'pending',
};

const LETTER_FIELD = 'capitalGuarantee.commitmentLetter';

function withoutClientLetter(raw: unknown): void {
  const g = (raw as { capitalGuarantee?: unknown } | null)?.capitalGuarantee;
  if (g && typeof g === 'object' && 'commitmentLetter' in g)
    throw DomainException.incomplete([
      {
        field: LETTER_FIELD,
        reason:
          '承诺函以 multipart/form-data 的 scan 部分上传，不在表单中填写 (upload the letter as the multipart scan part)',
      },
    ]);
}

/**
 * 施工许可申报 body: JSON, or multipart/form-data with the form as `data` and the 项目资本保证金承诺函
 * as `scan` (PDF/JPEG/PNG ≤ 20 MB, staged, its reference put in capitalGuarantee.commitmentLetter for
 * the permits service, which checks the bytes again and keeps them with the application).
 */
export async function permitApplicationSubmissionOf(
  request: FastifyRequest,
  uploads: ScanUploadService,
): Promise<PermitApplicationSubmissionV1> {
  const pipe = new PermitApplicationPipe();
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
    withoutClientLetter(request.body);
    return pipe.transform(request.body, { type: 'body' });
  }
  const { data, scan } = await uploads.read(request, async (raw) => {
    withoutClientLetter(raw);
    const g = (raw as { capitalGuarantee?: unknown }).capitalGuarantee;
    const form =
      g && typeof g === 'object' && !Array.isArray(g)
        ? { ...(raw as object), capitalGuarantee: { ...g, commitmentLetter: PENDING_SCAN } }
        : raw;
    const checked = await pipe.transform(form, { type: 'body' });
    if (!checked.capitalGuarantee)
      throw DomainException.incomplete([
        {
          field: LETTER_FIELD,
          reason: '承诺函仅随预售商品房项目的 capitalGuarantee 上传 (a letter needs capitalGuarantee)',
        },
      ]);
    return checked;
  });
  return { ...data, capitalGuarantee: { ...data.capitalGuarantee!, commitmentLetter: scan } };
}
