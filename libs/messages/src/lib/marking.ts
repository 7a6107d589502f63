/** 存量预售项目标记 (permits service): staff mark the projects of recent permits PRESALE / CURRENT_SALE / OTHER. */
import type { ProjectType } from './permits';
import type { CorrectionReportV1, StoredScanV1, SupervisionStateV1 } from './scans';

export type MarkingFilterTypeV1 = ProjectType | 'UNMARKED';

/** One permit of the marking list, with its project's type and marking state. */
export interface MarkingRowV1 {
  permitNumber: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  /** null while unmarked */
  projectType: ProjectType | null;
  /** null while unmarked or typed at registration (not a marking) */
  markingState: SupervisionStateV1 | null;
  markedBy: string | null;
  issueDate: string;
  startDate: string | null;
  plannedCompletionDate: string | null;
  /** 是否竣工验收: a completion filing (竣工验收备案) is recorded */
  accepted: boolean;
  /** 实际竣工时间: the completion filing date, else the five-party acceptance date, else null */
  actualCompletionDate: string | null;
}

/** Request of rpc.permits.marking.list.v1 (GET /api/v1/supervision/marking). */
export interface MarkingListRequestV1 {
  regionCode?: string;
  issueDateFrom?: string;
  issueDateTo?: string;
  projectType?: MarkingFilterTypeV1;
  keyword?: string;
  page: number;
  pageSize: number;
}

export interface MarkingPageV1 {
  items: MarkingRowV1[];
  page: number;
  pageSize: number;
  /** exact up to 10,000; beyond it 10,000 with totalIsLowerBound */
  total: number;
  totalIsLowerBound?: boolean;
}

/** POST /api/v1/supervision/marking/batch: 1..1000 permit numbers, their projects get the type. */
export interface MarkingBatchRequestV1 {
  permitNumbers: string[];
  projectType: ProjectType;
}

export interface MarkedProjectV1 {
  projectCode: string;
  projectName: string;
  regionCode: string;
  previousType: ProjectType | null;
  projectType: ProjectType;
  markingState: SupervisionStateV1;
  permitNumbers: string[];
}

export interface MarkingBatchResultV1 {
  /** the step id that withdraw undoes; null when every project already had the requested type (no step) */
  stepId: string | null;
  projects: MarkedProjectV1[];
  /** projects whose type was already the requested one (no new step for them) */
  unchanged: string[];
}

/** POST /api/v1/supervision/marking/withdraw: undoes the caller's last unsubmitted step. */
export type MarkingWithdrawRequestV1 = Record<string, never>;

export interface MarkingWithdrawResultV1 {
  stepId: string;
  /** the type the withdrawn step had set */
  withdrawnType: ProjectType;
  /** what each project's type went back to (superseded ones: their current type, unchanged) */
  projects: Array<{ projectCode: string; projectType: ProjectType | null }>;
  /** projects another user marked again after this step: their later marking stays */
  superseded: string[];
}

/** POST /api/v1/supervision/marking/submit {"permitNumbers"}: locks the marking of those projects. */
export interface MarkingSubmitRequestV1 {
  permitNumbers: string[];
}

export interface MarkingSubmitResultV1 {
  projects: MarkedProjectV1[];
}

/** POST /api/v1/supervision/marking/correction (ADMIN): change a submitted project's type. */
export interface MarkingCorrectionRequestV1 {
  projectCode: string;
  projectType: ProjectType;
  report: CorrectionReportV1;
}

export interface MarkingCorrectionResultV1 {
  project: MarkedProjectV1;
  previousType: ProjectType | null;
  /** the stored correction record (the previous version is kept in it) */
  correctionId: string;
  /** RFC 3339 UTC */
  correctedAt: string;
  report: StoredScanV1 & { documentNumber: string; reason: string };
}

export const MarkingRpc = {
  list: 'rpc.permits.marking.list.v1',
  batch: 'rpc.permits.marking.batch.v1',
  withdraw: 'rpc.permits.marking.withdraw.v1',
  submit: 'rpc.permits.marking.submit.v1',
  correct: 'rpc.permits.marking.correct.v1',
} as const;

/** Events of marking (stream HN_PERMITS); hn.permits.project.typed.v1 (ProjectTypedV1) is published on submit. */
export const MarkingEvents = {
  projectCorrected: 'hn.permits.project.corrected.v1',
} as const;
