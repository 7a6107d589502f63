/** 补录预售资金监管信息 (escrow service). Money in fen (integer). */
import type { CorrectionReportV1, ScanRefV1, StoredScanV1, SupervisionStateV1 } from './scans';

/** Body of PUT /api/v1/supervision/escrow/{presaleNumber}. */
export interface EscrowRecordInputV1 {
  /** 资本保证金总额, fen; null when a commitment letter replaces it */
  capitalGuaranteeAmount: number | null;
  /** 项目资本保证金承诺函: its scan is uploaded to …/escrow/{presaleNumber}/commitment-letter */
  commitmentLetter: boolean;
  /** 是否实行预售资金监管 */
  fundSupervision: boolean;
  /** both required when fundSupervision */
  bank: string | null;
  account: string | null;
  /** 监管账号余额, fen */
  balance: number;
  /** YYYY-MM-DD, not in the future */
  balanceAsOf: string;
}

export interface EscrowRecordV1 extends EscrowRecordInputV1 {
  presaleNumber: string;
  regionCode: string;
  projectName: string;
  state: SupervisionStateV1;
  version: number;
  enteredBy: string;
  /** RFC 3339 UTC */
  updatedAt: string;
  commitmentLetterScan: StoredScanV1 | null;
}

/** A backfilled presale permit of the caller's regions, with its escrow record if any. */
export interface EscrowListItemV1 {
  presaleNumber: string;
  regionCode: string;
  projectName: string;
  developerName: string;
  issueDate: string;
  record: EscrowRecordV1 | null;
}

export interface EscrowListRequestV1 {
  regionCode?: string;
  /** NONE = no record yet */
  state?: SupervisionStateV1 | 'NONE';
  page: number;
  pageSize: number;
}

export interface EscrowPageV1 {
  items: EscrowListItemV1[];
  page: number;
  pageSize: number;
  total: number;
}

export interface EscrowPutRequestV1 {
  presaleNumber: string;
  record: EscrowRecordInputV1;
}

export interface EscrowPutResultV1 {
  outcome: 'created' | 'updated' | 'unchanged';
  record: EscrowRecordV1;
}

export interface EscrowGetRequestV1 {
  presaleNumber: string;
}

export interface EscrowVersionsV1 {
  presaleNumber: string;
  versions: Array<
    EscrowRecordInputV1 & {
      version: number;
      enteredBy: string;
      enteredAt: string;
      withdrawnAt: string | null;
      /** RFC 3339 UTC when this version was locked by a submit (or written by a correction) */
      submittedAt: string | null;
      /** the commitment letter scan this version refers to */
      commitmentLetterScan: StoredScanV1 | null;
      correction: { reason: string; documentNumber: string; reportScan: StoredScanV1 } | null;
    }
  >;
}

export interface EscrowCommitmentLetterRequestV1 {
  presaleNumber: string;
  scan: ScanRefV1;
}

/** POST /api/v1/supervision/escrow/withdraw {"presaleNumber"}: the caller's last unsubmitted version goes. */
export interface EscrowWithdrawRequestV1 {
  presaleNumber: string;
}

export interface EscrowWithdrawResultV1 {
  presaleNumber: string;
  withdrawnVersion: number;
  outcome: 'RESTORED' | 'REMOVED';
  record: EscrowRecordV1 | null;
}

/** POST /api/v1/supervision/escrow/submit {"presaleNumbers"}: locks them, all or none. */
export interface EscrowSubmitRequestV1 {
  presaleNumbers: string[];
}

export interface EscrowSubmitResultV1 {
  records: EscrowRecordV1[];
}

/** POST /api/v1/supervision/escrow/{presaleNumber}/correction (ADMIN; multipart `data` + report `scan`). */
export interface EscrowCorrectionRequestV1 {
  presaleNumber: string;
  record: EscrowRecordInputV1;
  report: CorrectionReportV1;
}

export interface EscrowCorrectionResultV1 {
  record: EscrowRecordV1;
  previousVersion: number;
}

export const EscrowRpc = {
  list: 'rpc.escrow.record.list.v1',
  get: 'rpc.escrow.record.get.v1',
  versions: 'rpc.escrow.record.versions.v1',
  put: 'rpc.escrow.record.put.v1',
  commitmentLetter: 'rpc.escrow.record.commitment-letter.v1',
  withdraw: 'rpc.escrow.record.withdraw.v1',
  submit: 'rpc.escrow.record.submit.v1',
  correct: 'rpc.escrow.record.correct.v1',
  health: 'rpc.escrow.health.v1',
} as const;

export const EscrowEvents = {
  stream: 'HN_ESCROW',
  streamSubjects: ['hn.escrow.>'],
  /** on submit; data EscrowRecordedV1 */
  recordRecorded: 'hn.escrow.record.recorded.v1',
  /** on an ADMIN correction; data RecordCorrectedV1 */
  recordCorrected: 'hn.escrow.record.corrected.v1',
} as const;

export interface EscrowRecordedV1 {
  record: EscrowRecordV1;
}
