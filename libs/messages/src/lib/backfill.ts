/** 补录预售许可证 and 已预售未办施工许可 (presale service). */
import type { PresalePermitV1, PresaleSubmissionV1 } from './presale';
import type { CorrectionReportV1, ScanRefV1, StoredScanV1, SupervisionStateV1 } from './scans';

/** A construction permit of a project marked PRESALE, as the presale service's replica knows it. */
export interface BackfillCandidatePermitV1 {
  permitNumber: string;
  issueDate: string;
}

/** GET /api/v1/supervision/backfill/candidates: one entry per project marked PRESALE. */
export interface BackfillCandidateV1 {
  projectCode: string;
  projectName: string;
  regionCode: string;
  permits: BackfillCandidatePermitV1[];
  /** presale permits already backfilled (Z) for these permits */
  backfilled: Array<{ presaleNumber: string; issueDate: string; backfillState: SupervisionStateV1; status: string }>;
}

export interface BackfillCandidateListRequestV1 {
  regionCode?: string;
  keyword?: string;
  page: number;
  pageSize: number;
}

export interface BackfillCandidatePageV1 {
  items: BackfillCandidateV1[];
  page: number;
  pageSize: number;
  total: number;
}

/** rpc.presale.backfill.issue.v1: the `data` part (issueDate before the cut-over) and the staged `scan`. */
export interface BackfillIssueRequestV1 {
  idempotencyKey?: string;
  submission: PresaleSubmissionV1;
  scan: ScanRefV1;
}

export type PresaleBackfillStatusV1 = 'VALID' | 'CORRECTED' | 'WITHDRAWN';

/** A backfilled presale permit (Z number) with its supervision state and certificate scan. */
export interface BackfilledPresalePermitV1 {
  /** the record; `permit.status` carries the same value as `status` below */
  permit: PresalePermitV1;
  /** VALID, CORRECTED (by an ADMIN after submission) or WITHDRAWN (number void, never reused) */
  status: PresaleBackfillStatusV1;
  backfillState: SupervisionStateV1;
  backfilledBy: string;
  scan: StoredScanV1;
}

export interface BackfillIssuedV1 {
  presaleNumber: string;
  chainToken: string;
  verifyUrl: string;
  qrSvg: string;
  log: { index: number; treeSize: number };
  backfill: BackfilledPresalePermitV1;
}

/** GET /api/v1/supervision/backfill/presale-permits: backfilled permits of the caller's regions. */
export interface BackfillListRequestV1 {
  regionCode?: string;
  state?: SupervisionStateV1;
  page: number;
  pageSize: number;
}

export interface BackfillPageV1 {
  items: BackfilledPresalePermitV1[];
  page: number;
  pageSize: number;
  total: number;
}

/** POST …/backfill/presale-permits/withdraw: retires the caller's last unsubmitted backfill (number never reused). */
export interface BackfillWithdrawRequestV1 {
  /** optional: a specific DRAFT backfill of the caller's; absent → the caller's most recent DRAFT */
  presaleNumber?: string;
}

export interface BackfillWithdrawResultV1 {
  presaleNumber: string;
  status: 'WITHDRAWN';
}

/** POST …/backfill/presale-permits/submit {"presaleNumbers"}: locks them and publishes hn.presale.permit.backfilled.v1. */
export interface BackfillSubmitRequestV1 {
  presaleNumbers: string[];
}

export interface BackfillSubmitResultV1 {
  items: BackfilledPresalePermitV1[];
}

/** POST …/backfill/presale-permits/{presaleNumber}/correction (ADMIN, multipart `data` + report `scan`). */
export interface PresaleCorrectionRequestV1 {
  presaleNumber: string;
  /** the full corrected issuance body (same rules as backfill; the number does not change) */
  submission: PresaleSubmissionV1;
  report: CorrectionReportV1;
}

export interface PresaleCorrectionResultV1 {
  presaleNumber: string;
  chainToken: string;
  verifyUrl: string;
  log: { index: number; treeSize: number };
  backfill: BackfilledPresalePermitV1;
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

export interface UnpermittedPresaleProjectV1 extends UnpermittedPresaleSubmissionV1 {
  id: string;
  registeredBy: string;
  /** RFC 3339 UTC */
  registeredAt: string;
  scan: StoredScanV1;
}

export interface UnpermittedPresaleListRequestV1 {
  regionCode?: string;
  keyword?: string;
  page: number;
  pageSize: number;
}

export interface UnpermittedPresalePageV1 {
  items: UnpermittedPresaleProjectV1[];
  page: number;
  pageSize: number;
  total: number;
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
