/**
 * 补录预售许可证 and 已预售未办施工许可 (presale service). The replies are classes: the presale service
 * returns them and the gateway's OpenAPI document is generated from their decorators.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PresaleSubmissionV1 } from './presale';
import { CHAIN_TOKEN_EXAMPLE, LogPositionV1, PresalePermitV1, VERIFY_URL_EXAMPLE } from './presale-permit.message';
import { Developer } from './presale-submission.message';
import { CorrectionReportV1, ScanRefV1, StoredScanV1, SUPERVISION_STATES, SupervisionStateV1 } from './scans';

const Z = '430223202406200101-Z01';
const BACKFILL_STATUSES: readonly PresaleBackfillStatusV1[] = ['VALID', 'CORRECTED', 'WITHDRAWN'];

/** A construction permit of a project marked PRESALE, as the presale service's replica knows it. */
export class BackfillCandidatePermitV1 {
  @ApiProperty({ example: '430223202406200101' }) permitNumber!: string;
  @ApiProperty({ example: '2024-06-20', format: 'date' }) issueDate!: string;
}

/** A presale permit already backfilled (Z) for a candidate's construction permits. */
export class BackfillCandidateBackfilledV1 {
  @ApiProperty({ example: Z }) presaleNumber!: string;
  @ApiProperty({ example: '2024-06-28', format: 'date' }) issueDate!: string;
  @ApiProperty({ example: 'SUBMITTED', enum: SUPERVISION_STATES }) backfillState!: SupervisionStateV1;
  @ApiProperty({ example: 'VALID', enum: BACKFILL_STATUSES }) status!: string;
}

/** GET /api/v1/supervision/backfill/candidates: one entry per project marked PRESALE. */
export class BackfillCandidateV1 {
  @ApiProperty({ example: '2024-430223-70-03-012345' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ type: () => [BackfillCandidatePermitV1], description: '项目的施工许可证（已标记为预售商品房）' })
  permits!: BackfillCandidatePermitV1[];
  @ApiProperty({ type: () => [BackfillCandidateBackfilledV1], description: '已补录的预售许可证（Z）' })
  backfilled!: BackfillCandidateBackfilledV1[];
}

export interface BackfillCandidateListRequestV1 {
  regionCode?: string;
  keyword?: string;
  page: number;
  pageSize: number;
  /** one of BACKFILL_CANDIDATE_SORT's values; absent: project code ascending */
  sort?: string;
}

export class BackfillCandidatePageV1 {
  @ApiProperty({ type: () => [BackfillCandidateV1] }) items!: BackfillCandidateV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

/** rpc.presale.backfill.issue.v1: the `data` part (issueDate before the cut-over) and the staged `scan`. */
export interface BackfillIssueRequestV1 {
  idempotencyKey?: string;
  submission: PresaleSubmissionV1;
  scan: ScanRefV1;
}

export type PresaleBackfillStatusV1 = 'VALID' | 'CORRECTED' | 'WITHDRAWN';

/** A backfilled presale permit (Z number) with its supervision state and certificate scan. */
export class BackfilledPresalePermitV1 {
  /** the record; `permit.status` carries the same value as `status` below */
  @ApiProperty({ type: () => PresalePermitV1, description: '补录的预售许可证（Z 编号）' })
  permit!: PresalePermitV1;
  /** VALID, CORRECTED (by an ADMIN after submission) or WITHDRAWN (number void, never reused) */
  @ApiProperty({ example: 'VALID', enum: BACKFILL_STATUSES, description: '有效 / 已更正 / 已撤回（编号作废）' })
  status!: PresaleBackfillStatusV1;
  @ApiProperty({ example: 'DRAFT', enum: SUPERVISION_STATES, description: '草稿（可撤回）/ 已提交（锁定）' })
  backfillState!: SupervisionStateV1;
  @ApiProperty({ example: 'youxian.li', description: '补录人' }) backfilledBy!: string;
  @ApiProperty({ type: () => StoredScanV1, description: '预售许可证扫描件' }) scan!: StoredScanV1;
}

export class BackfillIssuedV1 {
  @ApiProperty({ example: Z }) presaleNumber!: string;
  @ApiProperty({ example: CHAIN_TOKEN_EXAMPLE, description: '链令牌 chain token, base64url' }) chainToken!: string;
  @ApiProperty({ example: VERIFY_URL_EXAMPLE, description: '二维码中的核验地址' }) verifyUrl!: string;
  @ApiProperty({
    example: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 57 57">…</svg>',
    description: '二维码 SVG',
  })
  qrSvg!: string;
  @ApiProperty({ type: () => LogPositionV1, description: '透明日志中的位置 transparency log position' })
  log!: LogPositionV1;
  @ApiProperty({ type: () => BackfilledPresalePermitV1 }) backfill!: BackfilledPresalePermitV1;
}

/** GET /api/v1/supervision/backfill/presale-permits: backfilled permits of the caller's regions. */
export interface BackfillListRequestV1 {
  regionCode?: string;
  state?: SupervisionStateV1;
  page: number;
  pageSize: number;
}

export class BackfillPageV1 {
  @ApiProperty({ type: () => [BackfilledPresalePermitV1] }) items!: BackfilledPresalePermitV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

/** POST …/backfill/presale-permits/withdraw: retires the caller's last unsubmitted backfill (number never reused). */
export interface BackfillWithdrawRequestV1 {
  /** optional: a specific DRAFT backfill of the caller's; absent → the caller's most recent DRAFT */
  presaleNumber?: string;
}

export class BackfillWithdrawResultV1 {
  @ApiProperty({ example: Z }) presaleNumber!: string;
  @ApiProperty({ example: 'WITHDRAWN', enum: ['WITHDRAWN'], description: '已撤回（编号作废，不再使用）' })
  status!: 'WITHDRAWN';
}

/** POST …/backfill/presale-permits/submit {"presaleNumbers"}: locks them and publishes hn.presale.permit.backfilled.v1. */
export interface BackfillSubmitRequestV1 {
  presaleNumbers: string[];
}

export class BackfillSubmitResultV1 {
  @ApiProperty({ type: () => [BackfilledPresalePermitV1] }) items!: BackfilledPresalePermitV1[];
}

/** POST …/backfill/presale-permits/{presaleNumber}/correction (ADMIN, multipart `data` + report `scan`). */
export interface PresaleCorrectionRequestV1 {
  presaleNumber: string;
  /** the full corrected issuance body (same rules as backfill; the number does not change) */
  submission: PresaleSubmissionV1;
  report: CorrectionReportV1;
}

export class PresaleCorrectionResultV1 {
  @ApiProperty({ example: Z }) presaleNumber!: string;
  @ApiProperty({ example: CHAIN_TOKEN_EXAMPLE, description: '更正后记录的新链令牌；旧令牌核验结果为 CORRECTED' })
  chainToken!: string;
  @ApiProperty({ example: VERIFY_URL_EXAMPLE }) verifyUrl!: string;
  @ApiProperty({ type: () => LogPositionV1, description: 'CORRECTED 日志条目的位置' })
  log!: LogPositionV1;
  @ApiProperty({ type: () => BackfilledPresalePermitV1 }) backfill!: BackfilledPresalePermitV1;
}

/** POST /api/v1/supervision/presale-without-permit: 已办理预售许可但未办理施工许可 (multipart `data` + `scan`). */
export interface UnpermittedPresaleSubmissionV1 {
  projectName: string;
  regionCode: string;
  developer: { name: string; creditCode: string };
  localCertificateNumber: string;
  /** YYYY-MM-DD, not in the future */
  issueDate: string;
  address?: string;
}

export interface UnpermittedPresaleRegisterRequestV1 {
  submission: UnpermittedPresaleSubmissionV1;
  scan: ScanRefV1;
}

export class UnpermittedPresaleProjectV1 implements UnpermittedPresaleSubmissionV1 {
  @ApiProperty({ example: '0b6f1c9e-4c1b-4f0e-9a51-2f7d1f0c2a11' }) id!: string;
  @ApiProperty({ example: '攸县滨江花园一期' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ type: () => Developer }) developer!: { name: string; creditCode: string };
  @ApiProperty({ example: '攸住建预字〔2023〕第021号' }) localCertificateNumber!: string;
  @ApiProperty({ example: '2023-11-20', format: 'date' }) issueDate!: string;
  @ApiPropertyOptional({ example: '攸县江桥街道滨江路 18 号' }) address?: string;
  @ApiProperty({ example: 'youxian.li' }) registeredBy!: string;
  @ApiProperty({ example: '2024-09-03T02:15:00.000Z', format: 'date-time', description: 'RFC 3339 UTC' })
  registeredAt!: string;
  @ApiProperty({ type: () => StoredScanV1 }) scan!: StoredScanV1;
}

export interface UnpermittedPresaleListRequestV1 {
  regionCode?: string;
  keyword?: string;
  page: number;
  pageSize: number;
}

export class UnpermittedPresalePageV1 {
  @ApiProperty({ type: () => [UnpermittedPresaleProjectV1] }) items!: UnpermittedPresaleProjectV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export const PresaleBackfillRpc = {
  candidates: 'rpc.presale.backfill.candidates.v1',
  issue: 'rpc.presale.backfill.issue.v1',
  list: 'rpc.presale.backfill.list.v1',
  withdraw: 'rpc.presale.backfill.withdraw.v1',
  submit: 'rpc.presale.backfill.submit.v1',
  correct: 'rpc.presale.backfill.correct.v1',
  unpermittedRegister: 'rpc.presale.unpermitted.register.v1',
  unpermittedList: 'rpc.presale.unpermitted.list.v1',
} as const;

/** Events (stream HN_PRESALE). */
export const PresaleBackfillEvents = {
  /** on submit of a backfilled (Z) presale permit; data PresalePermitBackfilledV1 */
  permitBackfilled: 'hn.presale.permit.backfilled.v1',
  /** on an ADMIN correction; data RecordCorrectedV1 plus the corrected permit in `after` */
  permitCorrected: 'hn.presale.permit.corrected.v1',
  /** on registration; data UnpermittedPresaleRegisteredV1 (for the alerts service) */
  unpermittedRegistered: 'hn.presale.unpermitted-project.registered.v1',
} as const;

export interface PresalePermitBackfilledV1 {
  permit: PresalePermitV1;
  backfilledBy: string;
}

export interface UnpermittedPresaleRegisteredV1 {
  project: UnpermittedPresaleProjectV1;
}
