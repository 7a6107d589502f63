/**
 * 施工许可审批 stages, actions, states, pause kinds and clock levels: plain constants without imports,
 * shared by the request and reply classes and the events (re-exported by approval.ts).
 */
/** 受理 → 初审 → 质量/安全报监 → 开工条件审查 → 复审 → 决定/发证 → 办结 */
export const APPROVAL_STAGES = [
  'ACCEPTANCE',
  'PRELIMINARY_REVIEW',
  'QUALITY_SAFETY_FILING',
  'START_CONDITIONS_REVIEW',
  'SECOND_REVIEW',
  'DECISION',
  'CLOSED',
] as const;
export type ApprovalStage = (typeof APPROVAL_STAGES)[number];

export const APPROVAL_STAGE_NAMES: Readonly<Record<ApprovalStage, string>> = Object.freeze({
  ACCEPTANCE: '受理',
  PRELIMINARY_REVIEW: '初审',
  QUALITY_SAFETY_FILING: '质量/安全报监',
  START_CONDITIONS_REVIEW: '开工条件审查',
  SECOND_REVIEW: '复审',
  DECISION: '决定/发证',
  CLOSED: '办结',
});

/** Actions of the reviewing staff. */
export const STAFF_ACTIONS = ['PASS', 'RETURN_FOR_CORRECTION', 'REJECT', 'PAUSE', 'RESUME'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];
/** Actions of the applicant (the approval system on the builder's behalf). */
export const APPLICANT_ACTIONS = ['RESUBMIT', 'WITHDRAW'] as const;
export type ApplicantAction = (typeof APPLICANT_ACTIONS)[number];
export type ApprovalAction = StaffAction | ApplicantAction | 'SUBMIT';

/**
 * SUBMITTED (at 受理, untouched), IN_REVIEW, RETURNED (补正, waiting for the applicant), PAUSED (勘验 /
 * 专家评审 / 听证, the clock stopped), then one outcome.
 */
export const APPLICATION_STATES = [
  'SUBMITTED',
  'IN_REVIEW',
  'RETURNED',
  'PAUSED',
  'APPROVED',
  'REJECTED',
  'WITHDRAWN',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

/**
 * The closed list of reasons the clock stops (暂停计时): 补正 (RETURN_FOR_CORRECTION until RESUBMIT),
 * 勘验, 专家评审, 听证 (PAUSE until RESUME), each with a written notice (书面告知).
 */
export const PAUSE_KINDS = ['CORRECTION', 'INSPECTION', 'EXPERT_REVIEW', 'HEARING'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];
/** The kinds a PAUSE action takes (补正 is RETURN_FOR_CORRECTION's own). */
export const STAFF_PAUSE_KINDS = ['INSPECTION', 'EXPERT_REVIEW', 'HEARING'] as const;
export type StaffPauseKind = (typeof STAFF_PAUSE_KINDS)[number];
export const PAUSE_KIND_NAMES: Readonly<Record<PauseKind, string>> = Object.freeze({
  CORRECTION: '补正',
  INSPECTION: '勘验',
  EXPERT_REVIEW: '专家评审',
  HEARING: '听证',
});

/** 绿 within the limit, 黄 at 90 % of it, 红 at 100 % (电子监察 practice). */
export const CLOCK_LEVELS = ['GREEN', 'YELLOW', 'RED'] as const;
export type ClockLevel = (typeof CLOCK_LEVELS)[number];

/** Form fields the applicant may correct on RESUBMIT (everything of the submission but projectCode). */
export const CORRECTABLE_FIELDS = [
  'worksCategoryCode',
  'units',
  'constructionUnit',
  'contractor',
  'supervisor',
  'contractAmountFen',
  'area',
  'plannedStartDate',
  'plannedCompletionDate',
  'capitalGuarantee',
  'fundSupervision',
] as const;
