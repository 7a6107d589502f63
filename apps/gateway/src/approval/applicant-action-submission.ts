import type { ApplicantActionRequestV1 } from '@hn/messages';
import { DomainException } from '@hn/errors';
import type { FastifyRequest } from 'fastify';
import { ScanUploadService } from '../scans/scan-upload.service';
import { ApplicantActionPipe } from './approval-inputs';
import { PENDING_SCAN } from './permit-application-submission';

const LETTER_FIELD = 'commitmentLetter';

/** The letter is the multipart `scan` part: a JSON body (or the `data` part) that names it is refused. */
function withoutClientLetter(raw: unknown): void {
  if (raw && typeof raw === 'object' && LETTER_FIELD in raw)
    throw DomainException.incomplete([
      {
        field: LETTER_FIELD,
        reason:
          '承诺函以 multipart/form-data 的 scan 部分上传，不在请求 JSON 中填写 (upload the letter as the multipart scan part)',
      },
    ]);
}

/**
 * 补正后重新提交 / 撤回 body: JSON, or (RESUBMIT with a new 项目资本保证金承诺函) multipart/form-data with the
 * action as `data` and the letter as `scan` (PDF/JPEG/PNG ≤ 20 MB). `data` is checked with the Rpc entry's
 * request class (the path id beside it, a placeholder for the letter) before the scan is staged; the staged
 * reference goes in `commitmentLetter` for the permits service, which checks the bytes again, applies the
 * letter rule to the form after the correction and keeps the letter as the application's next version.
 */
export async function applicantActionOf(
  request: FastifyRequest,
  applicationId: string,
  uploads: ScanUploadService,
): Promise<ApplicantActionRequestV1> {
  const pipe = new ApplicantActionPipe();
  if (typeof request.isMultipart !== 'function' || !request.isMultipart()) {
    withoutClientLetter(request.body);
    const body = request.body && typeof request.body === 'object' ? request.body : {};
    return pipe.transform({ ...body, applicationId });
  }
  const { data, scan } = await uploads.read(request, async (raw) => {
    withoutClientLetter(raw);
    return pipe.transform({ ...(raw as object), applicationId, commitmentLetter: PENDING_SCAN });
  });
  return { ...data, commitmentLetter: scan };
}
