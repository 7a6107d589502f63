import { ApiProperty } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import type { UnpermittedPresaleRegisterRequestV1, UnpermittedPresaleSubmissionV1 } from './backfill';
import type { ScanRefV1 } from './scans';
import { UnpermittedPresaleSubmission, validateUnpermittedSubmission } from './unpermitted-submission.message';
import { ValidatedAs } from './validation/validated-as';

/**
 * RPC bodies of the staff writes that carry a staged scan (multipart `data` + `scan` at the gateway):
 * the `data` part is validated by its own message class and reported with its own field names, as the
 * gateway reports the multipart `data` part (ValidatedAs); the staged scan reference is checked where
 * the presale service takes the scan (ScanStore.take, 422 SCAN_UNAVAILABLE).
 */

/** Body of rpc.presale.unpermitted.register.v1 (已办预售未办施工许可 登记). */
export class UnpermittedPresaleRegisterRequest implements UnpermittedPresaleRegisterRequestV1 {
  @ApiProperty({ type: UnpermittedPresaleSubmission, description: '登记内容（multipart 的 data 部分）' })
  @ValidatedAs(UnpermittedPresaleSubmission, validateUnpermittedSubmission)
  submission!: UnpermittedPresaleSubmissionV1;

  @ApiProperty({ description: '已暂存的扫描件引用（网关上传后生成）staged scan reference' })
  @Allow()
  scan!: ScanRefV1;
}
