/** One field-level problem, e.g. { field: "issueDate", reason: "日期不存在 not a calendar date" }. */
export interface FieldError {
  field: string;
  reason: string;
}

/**
 * The error every service returns over request/reply; the gateway turns it into
 * RFC 9457 application/problem+json with the same status and code.
 */
export interface RpcProblem {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldError[];
}

/** Stable error codes shared by every service (clients switch on these). */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_PERMIT_NUMBER = 'INVALID_PERMIT_NUMBER',
  PERMIT_NOT_FOUND = 'PERMIT_NOT_FOUND',
  REGION_FORBIDDEN = 'REGION_FORBIDDEN',
  SCOPE_FORBIDDEN = 'SCOPE_FORBIDDEN',
  UNAUTHORIZED = 'UNAUTHORIZED',
  INVALID_CLIENT = 'INVALID_CLIENT',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  NOT_FOUND = 'NOT_FOUND',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  INTERNAL = 'INTERNAL',
  INCOMPLETE_SUBMISSION = 'INCOMPLETE_SUBMISSION',
  SERIAL_EXHAUSTED = 'SERIAL_EXHAUSTED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_IN_FLIGHT = 'IDEMPOTENCY_KEY_IN_FLIGHT',
  IDEMPOTENCY_KEY_REQUIRED = 'IDEMPOTENCY_KEY_REQUIRED',
  PERMIT_NOT_PRESALE = 'PERMIT_NOT_PRESALE',
  PERMITS_OF_DIFFERENT_PROJECTS = 'PERMITS_OF_DIFFERENT_PROJECTS',
  UNIT_NOT_IN_PERMITS = 'UNIT_NOT_IN_PERMITS',
  PRESALE_NOT_FOUND = 'PRESALE_NOT_FOUND',
  INVALID_PRESALE_NUMBER = 'INVALID_PRESALE_NUMBER',
  INVALID_PROOF_REQUEST = 'INVALID_PROOF_REQUEST',
  INVALID_CONTRACT_NUMBER = 'INVALID_CONTRACT_NUMBER',
  CONTRACT_NOT_FOUND = 'CONTRACT_NOT_FOUND',
  ROOM_ALREADY_FILED = 'ROOM_ALREADY_FILED',
  ALREADY_CANCELLED = 'ALREADY_CANCELLED',
  BUILDING_NOT_IN_PRESALE = 'BUILDING_NOT_IN_PRESALE',
  PRESALE_NOT_VALID = 'PRESALE_NOT_VALID',
  RECORD_LOCKED = 'RECORD_LOCKED',
  STATISTIC_NOT_FOUND = 'STATISTIC_NOT_FOUND',
  NOT_OWN_VERSION = 'NOT_OWN_VERSION',
  DIFFERENCE_NOT_FOUND = 'DIFFERENCE_NOT_FOUND',
  ALREADY_ACKNOWLEDGED = 'ALREADY_ACKNOWLEDGED',
  DIFFERENCE_RESOLVED = 'DIFFERENCE_RESOLVED',
  RECONCILIATION_IN_PROGRESS = 'RECONCILIATION_IN_PROGRESS',
  MARKET_PLATFORM_UNAVAILABLE = 'MARKET_PLATFORM_UNAVAILABLE',
  /** multipart body without the expected parts, or a part that is not what it should be */
  MULTIPART_INVALID = 'MULTIPART_INVALID',
  /** scan over SCAN_MAX_BYTES (413) */
  SCAN_TOO_LARGE = 'SCAN_TOO_LARGE',
  /** scan content is not PDF, JPEG or PNG (415) */
  SCAN_TYPE_UNSUPPORTED = 'SCAN_TYPE_UNSUPPORTED',
  /** the staged scan expired or does not match its digest (422) */
  SCAN_UNAVAILABLE = 'SCAN_UNAVAILABLE',
  /** withdraw with no unsubmitted step of the caller's (404) */
  NOTHING_TO_WITHDRAW = 'NOTHING_TO_WITHDRAW',
  /** a correction of a record that is not submitted (409): withdraw or edit it instead */
  RECORD_NOT_SUBMITTED = 'RECORD_NOT_SUBMITTED',
  PROJECT_NOT_MARKED_PRESALE = 'PROJECT_NOT_MARKED_PRESALE',
  BACKFILL_AFTER_CUTOVER = 'BACKFILL_AFTER_CUTOVER',
  ESCROW_NOT_FOUND = 'ESCROW_NOT_FOUND',
  /** a presale number already exists for this (issuing authority, local certificate number) (409) */
  DUPLICATE_LOCAL_CERTIFICATE = 'DUPLICATE_LOCAL_CERTIFICATE',
  /** the developer's credit code is not the construction permit's project developer (422) */
  DEVELOPER_MISMATCH = 'DEVELOPER_MISMATCH',
  /** a sandbox (联调测试) credential on a route that has no sandbox space (403) */
  SANDBOX_FORBIDDEN = 'SANDBOX_FORBIDDEN',
  /** JSON nested deeper than the body guard allows (400), refused before parsing */
  BODY_TOO_DEEP = 'BODY_TOO_DEEP',
  /** a path that cannot be decoded, e.g. /construction-permits/%ZZ (400) */
  INVALID_URL = 'INVALID_URL',
  /** a path parameter longer than the router allows (414) */
  URI_TOO_LONG = 'URI_TOO_LONG',
  /** the service's database is unreachable or restarting (503, retryable: see Retry-After) */
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  /** a list filter with an unknown value, e.g. type=FOO (422, the allowed values listed) */
  INVALID_FILTER = 'INVALID_FILTER',
  ALERT_NOT_FOUND = 'ALERT_NOT_FOUND',
  /** an action on a cleared or dismissed alert (409) */
  ALERT_CLEARED = 'ALERT_CLEARED',
  /** e.g. a permit link on an alert that is not PRESALE_WITHOUT_PERMIT (409) */
  ALERT_TYPE_MISMATCH = 'ALERT_TYPE_MISMATCH',
  DISMISSAL_PENDING = 'DISMISSAL_PENDING',
  NO_PENDING_DISMISSAL = 'NO_PENDING_DISMISSAL',
  /** the requester of a dismissal or backfill cannot decide it (403) */
  SELF_APPROVAL = 'SELF_APPROVAL',
  /** a decision by staff not one level above the requester (403) */
  LEVEL_FORBIDDEN = 'LEVEL_FORBIDDEN',
  ACCEPTANCE_ALREADY_RECORDED = 'ACCEPTANCE_ALREADY_RECORDED',
  BACKFILL_PENDING = 'BACKFILL_PENDING',
  BACKFILL_NOT_FOUND = 'BACKFILL_NOT_FOUND',
  BACKFILL_DECIDED = 'BACKFILL_DECIDED',
  // 营商环境考核申诉 (statistics assessment appeals)
  /** the appealed item is not a deduction of the region under that rule today (422) */
  ASSESSMENT_ITEM_NOT_FOUND = 'ASSESSMENT_ITEM_NOT_FOUND',
  /** an appeal of the same item is awaiting the province's decision (409) */
  APPEAL_PENDING = 'APPEAL_PENDING',
  APPEAL_NOT_FOUND = 'APPEAL_NOT_FOUND',
  /** the appeal was decided already (409) */
  APPEAL_DECIDED = 'APPEAL_DECIDED',
  // 施工许可审批 (approval workflow)
  /** projectType changed after the project's first stage 2–4 item (409) */
  TYPE_LOCKED = 'TYPE_LOCKED',
  /** an action the transition table does not allow in the case's stage and state, or on a closed case (409) */
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  /** 初审, 复审 and 决定 by three different users (409) */
  SEPARATION_OF_DUTIES = 'SEPARATION_OF_DUTIES',
  /** PRESALE without a capital-guarantee amount at 开工条件审查 / 决定 (422) */
  CAPITAL_GUARANTEE_MISSING = 'CAPITAL_GUARANTEE_MISSING',
  /** PRESALE planning fund supervision without bank and account at 开工条件审查 / 决定 (422) */
  ESCROW_ACCOUNT_MISSING = 'ESCROW_ACCOUNT_MISSING',
  PROJECT_NOT_FOUND = 'PROJECT_NOT_FOUND',
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  /** a staff user whose role the stage's configuration (PERMITS_STAGE_ROLES) does not allow (403) */
  STAGE_ROLE_FORBIDDEN = 'STAGE_ROLE_FORBIDDEN',
  /** 受理: the reviewer's confirmedProjectType differs from the project's registered type (409) */
  PROJECT_TYPE_MISMATCH = 'PROJECT_TYPE_MISMATCH',
  /** the application has no 项目资本保证金承诺函 scan to download (404) */
  COMMITMENT_LETTER_NOT_FOUND = 'COMMITMENT_LETTER_NOT_FOUND',
}
