import { ScanRefV1 } from './scans';
import {
  AcceptanceBackfillDecisionV1,
  AcceptanceBackfillListRequestV1,
  AcceptanceBackfillPageV1,
  AcceptanceBackfillSubmitRequestV1,
  AcceptanceBackfillV1,
  AlertDetailV1,
  AlertDismissalDecisionV1,
  AlertDismissalRequestV1,
  AlertFollowUpRequestV1,
  AlertIdBody,
  AlertListRequestV1,
  AlertPageV1,
  AlertPermitLinkRequestV1,
  AlertsRpc,
} from './alerts';
// exchange
import { ExchangeRpc, ReplayRequestV1, SubscriberInputV1, SubscriberPatchV1 } from './exchange';
import {
  DeliveryPageV1,
  DeliveryV1,
  EventsPullQuery,
  ExchangeEventPageV1,
  ExchangeManifestV1,
  ManifestQuery,
  ReplayResultV1,
  SubscriberInput,
  SubscriberPageV1,
  SubscriberV1,
} from './exchange.message';
import {
  DeadLetterRequeueRequest,
  DeliveryListRequest,
  ManifestGetRequest,
  RedeliverRequest,
  ReplayRequest,
  SubscriberIdRequest,
  SubscriberUpdateRequest,
} from './exchange-requests.message';
import {
  StatisticsMonthlyRequestV1,
  StatisticsMonthlyV1,
  StatisticsRecordPageV1,
  StatisticsRecordsRequestV1,
  StatisticsRpc,
  StatisticsSummaryRequestV1,
  StatisticsSummaryV1,
} from './statistics';
import {
  ConsistencyRpc,
  SourceRecountRequestV1,
  SourceRecountV1,
  StatisticsConsistencyRequestV1,
  StatisticsConsistencyV1,
} from './statistics-consistency';
import {
  AssessmentAppealDecisionRequestV1,
  AssessmentAppealListRequestV1,
  AssessmentAppealPageV1,
  AssessmentAppealScanRequestV1,
  AssessmentAppealSubmitRequestV1,
  AssessmentAppealV1,
  AssessmentRpc,
  StatisticsAssessmentRequestV1,
  StatisticsAssessmentV1,
} from './statistics-assessment';
import {
  DigestRpc,
  StatisticsDigestGenerateRequestV1,
  StatisticsDigestGenerateResultV1,
  StatisticsDigestListRequestV1,
  StatisticsDigestPageV1,
} from './statistics-digests';
import {
  BackfillCandidateListRequestV1,
  BackfillCandidatePageV1,
  BackfillIssuedV1,
  BackfillIssueRequestV1,
  BackfillListRequestV1,
  BackfillPageV1,
  BackfillSubmitRequestV1,
  BackfillSubmitResultV1,
  BackfillWithdrawRequestV1,
  BackfillWithdrawResultV1,
  PresaleBackfillRpc,
  PresaleCorrectionRequestV1,
  PresaleCorrectionResultV1,
  UnpermittedPresaleListRequestV1,
  UnpermittedPresalePageV1,
  UnpermittedPresaleProjectV1,
  UnpermittedPresaleRegisterRequestV1,
} from './backfill';
import {
  ContractFilingCancelRequestV1,
  ContractFilingGetRequestV1,
  ContractFilingIssuedV1,
  ContractFilingIssueRequestV1,
  ContractFilingV1,
  ContractsRpc,
} from './contract-filings';
import {
  EscrowCommitmentLetterRequestV1,
  EscrowCorrectionRequestV1,
  EscrowCorrectionResultV1,
  EscrowGetRequestV1,
  EscrowListRequestV1,
  EscrowPageV1,
  EscrowPutRequestV1,
  EscrowPutResultV1,
  EscrowRecordV1,
  EscrowRpc,
  EscrowSubmitRequestV1,
  EscrowSubmitResultV1,
  EscrowVersionsV1,
  EscrowWithdrawRequestV1,
  EscrowWithdrawResultV1,
} from './escrow';
import {
  ApplicantActionRequestV1,
  ApplicationIdBody,
  ApplicationListRequestV1,
  ApplicationTransitionRequestV1,
  ApplicationTransitionResultV1,
  ApprovalProjectRegistrationV1,
  ApprovalProjectV1,
  ApprovalRpc,
  PermitApplicationPageV1,
  PermitApplicationReceiptV1,
  PermitApplicationStatusV1,
  PermitApplicationSubmissionV1,
  PermitApplicationV1,
} from './approval';
import { ServiceHealthV1 } from './health';
import {
  MarkingBatchRequestV1,
  MarkingBatchResultV1,
  MarkingCorrectionRequestV1,
  MarkingCorrectionResultV1,
  MarkingListRequestV1,
  MarkingPageV1,
  MarkingRpc,
  MarkingSubmitRequestV1,
  MarkingSubmitResultV1,
  MarkingWithdrawRequestV1,
  MarkingWithdrawResultV1,
} from './marking';
import {
  BuildingUnitV1,
  ConstructionPermitV1,
  ELicenseV1,
  PageV1,
  PermitNumberBodyV1,
  PermitSearchQueryV1,
  PermitsRpc,
  PermitUpsertRequestV1,
  PermitUpsertResultV1,
} from './permits';
import {
  BinaryFileV1,
  ConsistencyProofV1,
  InclusionProofV1,
  JwksV1,
  PresaleIssuedV1,
  PresaleIssueRequestV1,
  PresalePermitV1,
  PresaleRpc,
  PublicPresaleSummaryV1,
  VerifyResultV1,
} from './presale';
import { AcceptanceBackfillListQuery, AlertListQuery } from './alerts.message';
import {
  AcceptanceBackfillDecisionRequest,
  AcceptanceBackfillSubmitRequest,
  AlertDismissalDecisionRequest,
  AlertDismissalRequest,
  AlertFollowUpRequest,
  AlertIdRequest,
  AlertPermitLinkRequest,
} from './alert-requests.message';
import {
  ApplicantActionRequest,
  ApplicationIdRequest,
  ApplicationListRequest,
  ApplicationTransitionRequest,
  ApprovalProjectRegistration,
  PermitApplicationSubmission,
} from './approval.message';
import { BackfillSubmitRequest, BackfillWithdrawRequest } from './backfill-lifecycle.message';
import { ACCEPTANCE_BACKFILL_SORT, ALERT_SORT } from './list-sorts';
import { MarkingBatchRequest, MarkingSubmitRequest } from './marking.message';
import {
  SigningStatisticPut,
  SigningStatisticSubmission,
  SigningStatisticWithdrawal,
} from './signing-statistic.message';
import { MarkingCorrectionRequest } from './marking-correction-request.message';
import { MarkingListQuery } from './marking-list-query.message';
import { ReconciliationQuery, SigningStatisticsQuery } from './supervision-queries.message';
import { EscrowListQuery } from './escrow-list-query.message';
import {
  EscrowCommitmentLetterRequest,
  EscrowCorrectionRequest,
  EscrowPutRequest,
  EscrowSubmitRequest,
  EscrowWithdrawRequest,
} from './escrow-requests.message';
import { SourceRecountRequest, StatisticsConsistencyQuery } from './statistics-consistency.message';
import {
  ConsistencyBucketRpc,
  ReportedSigningStatisticsPageRequestV1,
  ReportedSigningStatisticsPageV1,
  SourceBucketRecountRequestV1,
  SourceRecountBucketsV1,
} from './consistency-buckets';
import { ReportedSigningStatisticsPageRequest, SourceBucketRecountRequest } from './consistency-buckets.message';
import { StatisticsMonthlyQuery, StatisticsRecordsQuery, StatisticsSummaryQuery } from './statistics.message';
import {
  AssessmentAppealDecisionRequest,
  AssessmentAppealListQuery,
  AssessmentAppealScanRequest,
  AssessmentAppealSubmission,
  StatisticsAssessmentQuery,
} from './statistics-assessment.message';
import { StatisticsDigestGenerateInput, StatisticsDigestListQuery } from './statistics-digests.message';
import { RpcRequest } from './principal';
import { EmptyBodyV1 } from './empty-body.message';
import { DifferenceAcknowledgeRequest } from './reconciliation-acknowledgement.message';
import { PermitNumberBody } from './permit-number-body.message';
import { checkedFirst, InvalidPayload, InvalidPayloads } from './validation/invalid-payload';
import { PresaleNumberBodyV1, PresalePrintLayoutRequestV1, PresaleQrRequestV1 } from './presale-reads.message';
import { PermitSearchQuery } from './permit-search-query.message';
import { PermitUpsertRequest } from './permit-upsert.message';
import {
  ConsistencyProofRequest,
  ConsistencyProofRequestV1,
  InclusionProofRequest,
  InclusionProofRequestV1,
  VerifyRequest,
  VerifyRequestV1,
} from './public-verification.message';
import { BackfillCandidateQuery, BackfillKeywordQuery, BackfillListQuery } from './backfill-queries.message';
import {
  BackfillIssueRequest,
  INVALID_CORRECTION_REQUEST,
  PresaleCorrectionRequest,
  UnpermittedPresaleRegisterRequest,
} from './backfill-requests.message';
import { INVALID_ISSUE_REQUEST, PresaleIssueRequest } from './presale-issue-request.message';
import type { ListSort } from './validation/sort-constraints';
import { ContractFilingIssueRequest } from './contract-filing-issue.message';
import { ContractFilingCancelRequest, ContractNumberBody } from './contract-number-body.message';
import { ReportedSigningStatisticsV1, SigningComparisonRpc } from './signing-statistics-comparison';
import {
  PublicPresaleSearchPageV1,
  PublicPresaleSearchQuery,
  PublicPresaleSearchRequestV1,
} from './public-search.message';
import {
  ContractsStatisticsRpc,
  ReconciliationAcknowledgeRequestV1,
  ReconciliationDifferencePageV1,
  ReconciliationDifferenceV1,
  ReconciliationListRequestV1,
  ReconciliationRpc,
  ReconciliationRunRequestV1,
  ReconciliationRunResultV1,
  SigningStatisticListRequestV1,
  SigningStatisticPageV1,
  SigningStatisticPutRequestV1,
  SigningStatisticPutResultV1,
  SigningStatisticSubmitRequestV1,
  SigningStatisticSubmitResultV1,
  SigningStatisticWithdrawRequestV1,
  SigningStatisticWithdrawResultV1,
} from './reconciliation';

/** `principal`: the payload is RpcRequest<Req> (the owning service re-checks region scope); `public`: the payload is the body itself. */
export type RpcKind = 'principal' | 'public';

/**
 * The message class validating a contract's request BODY (for `principal` contracts the `body` of
 * RpcRequest<body>, for `public` ones the payload itself), the problem a refused body is answered with
 * and, for lists, the sort checked first (422 INVALID_FILTER naming the allowed fields). The gateway's
 * pipe and the service's `@RpcHandler` apply the same entry, so both answer the same code and field list.
 */
export interface RpcRequestContract {
  readonly type: new () => object;
  readonly invalid: InvalidPayload;
  readonly sort?: ListSort;
  /** validated as the gateway's global ValidationPipe does (every failing constraint of a field), not one reason per field */
  readonly allReasons?: boolean;
}

/** Options of a contract's request class: the problem on a refused body (default 422 INCOMPLETE_SUBMISSION), a list's sort. */
export interface RpcRequestOptions {
  readonly invalid?: InvalidPayload;
  readonly sort?: ListSort;
  /** the gateway checks this body with its global ValidationPipe (every failing constraint of a field reported) */
  readonly allReasons?: boolean;
}

/**
 * One request/reply contract: its NATS subject (the wire name, never changed once published), its
 * request body and response types (phantom: types only, nothing at runtime), whether the payload
 * carries the caller and the message class its body is validated with (`request`). The gateway calls
 * `rpc.call(def, …)`, the service binds `@RpcHandler(def)`: both sides read the same entry of {@link Rpc}.
 */
export interface RpcDef<Req, Res, K extends RpcKind = RpcKind> {
  readonly subject: string;
  readonly kind: K;
  /** the body's message class */
  readonly request: RpcRequestContract;
  /** phantom member carrying the types; always undefined */
  readonly types?: (request: Req) => Res;
}

function requestContract(type: new () => object, options: RpcRequestOptions = {}): RpcRequestContract {
  return {
    type,
    invalid: options.invalid ?? InvalidPayloads.incomplete,
    sort: options.sort,
    allReasons: options.allReasons,
  };
}

/** A contract whose payload is RpcRequest<Req>; `type` validates the body (`@RpcHandler` before the method runs). */
export function rpcDef<Req, Res>(
  subject: string,
  type: new () => object,
  options?: RpcRequestOptions,
): RpcDef<Req, Res, 'principal'> {
  return { subject, kind: 'principal', request: requestContract(type, options) };
}

/** A contract without a caller (public verification, health): the payload is the body, validated by `type`. */
export function publicRpcDef<Req, Res>(
  subject: string,
  type: new () => object,
  options?: RpcRequestOptions,
): RpcDef<Req, Res, 'public'> {
  return { subject, kind: 'public', request: requestContract(type, options) };
}

/** The request body of a contract. */
export type RpcBody<D> = D extends RpcDef<infer Req, unknown, RpcKind> ? Req : never;
/** The response of a contract. */
export type RpcResult<D> = D extends RpcDef<never, infer Res, RpcKind> ? Res : never;
/** What the service handler receives: RpcRequest<body> for principal contracts, the body for public ones. */
export type RpcPayload<D> =
  D extends RpcDef<infer Req, unknown, infer K> ? (K extends 'public' ? Req : RpcRequest<Req>) : never;
/** The signature a service handler of a contract must have (further parameters, e.g. @Ctx(), are free). */
export type RpcHandlerFn<D> = (payload: RpcPayload<D>, ...rest: never[]) => Promise<RpcResult<D>> | RpcResult<D>;

type Empty = Record<string, never>;
/** a contract taking nothing (health, checkpoint, keys): any field sent is refused, 400 VALIDATION_FAILED */
const EMPTY = { invalid: InvalidPayloads.validation } as const;
const STATISTICS = { invalid: InvalidPayloads.statisticsQuery } as const;
const RECOUNT = { invalid: InvalidPayloads.recount } as const;
/** a list query the gateway checks with its global ValidationPipe (400 VALIDATION_FAILED), its sort after (422) */
const GATEWAY_QUERY = { invalid: InvalidPayloads.validation, allReasons: true } as const;
/** a read by path permit number: 400 INVALID_PERMIT_NUMBER on both paths */
const PERMIT_NUMBER = { invalid: InvalidPayloads.permitNumber } as const;
/** a presale read: the path number first (400 INVALID_PRESALE_NUMBER), then the query (400 VALIDATION_FAILED) */
const PRESALE_READ = {
  invalid: checkedFirst('presaleNumber', InvalidPayloads.presaleNumber, InvalidPayloads.validation),
} as const;
/** a write on a path presale number (escrow): the number first (400 INVALID_PRESALE_NUMBER), then the body (422) */
const PRESALE_WRITE = {
  invalid: checkedFirst('presaleNumber', InvalidPayloads.presaleNumber, InvalidPayloads.incomplete),
} as const;
/** the public verification queries, checked as the gateway's global ValidationPipe did (400 VALIDATION_FAILED) */
const PUBLIC_QUERY = { invalid: InvalidPayloads.validation, allReasons: true } as const;
/** a transparency-log proof request: 400 INVALID_PROOF_REQUEST for sizes out of order, else VALIDATION_FAILED */
const PROOF_REQUEST = { invalid: InvalidPayloads.proofRequest } as const;
/** an exchange request on a subscriber: a refused path id 404 NOT_FOUND as the gateway's path pipes, else 422 */
const EXCHANGE = { invalid: InvalidPayloads.exchangeAction } as const;
interface ExchangeSubscriberIdBody {
  subscriberId: string;
}

/**
 * Every request/reply subject of the platform, once. The wire names are the *Rpc constants beside
 * each domain's types (written there once, never changed); a new RPC is one entry here and one
 * `@RpcHandler(Rpc.x)` in its service. Entries are grouped by owning service (the subject's second
 * segment): rpc.permits.*, rpc.presale.*, rpc.contracts.*, rpc.escrow.*, rpc.alerts.*, rpc.exchange.*.
 */
export const Rpc = {
  // permits
  permitGet: rpcDef<PermitNumberBodyV1, ConstructionPermitV1>(PermitsRpc.getPermit, PermitNumberBody, PERMIT_NUMBER),
  permitSearch: rpcDef<PermitSearchQueryV1, PageV1<ConstructionPermitV1>>(
    PermitsRpc.searchPermits,
    PermitSearchQuery,
    GATEWAY_QUERY,
  ),
  permitUnits: rpcDef<PermitNumberBodyV1, BuildingUnitV1[]>(PermitsRpc.listUnits, PermitNumberBody, PERMIT_NUMBER),
  permitELicense: rpcDef<PermitNumberBodyV1, ELicenseV1>(PermitsRpc.getELicense, PermitNumberBody, PERMIT_NUMBER),
  permitUpsert: rpcDef<PermitUpsertRequestV1, PermitUpsertResultV1>(PermitsRpc.upsertPermit, PermitUpsertRequest, {
    invalid: InvalidPayloads.permitUpsert,
  }),
  permitsRecount: rpcDef<SourceRecountRequestV1, SourceRecountV1>(
    ConsistencyRpc.permitsRecount,
    SourceRecountRequest,
    RECOUNT,
  ),
  permitsHealth: publicRpcDef<Empty, ServiceHealthV1>(PermitsRpc.health, EmptyBodyV1, EMPTY),
  markingList: rpcDef<MarkingListRequestV1, MarkingPageV1>(MarkingRpc.list, MarkingListQuery, GATEWAY_QUERY),
  markingBatch: rpcDef<MarkingBatchRequestV1, MarkingBatchResultV1>(MarkingRpc.batch, MarkingBatchRequest),
  markingWithdraw: rpcDef<MarkingWithdrawRequestV1, MarkingWithdrawResultV1>(MarkingRpc.withdraw, EmptyBodyV1, EMPTY),
  markingSubmit: rpcDef<MarkingSubmitRequestV1, MarkingSubmitResultV1>(MarkingRpc.submit, MarkingSubmitRequest),
  markingCorrect: rpcDef<MarkingCorrectionRequestV1, MarkingCorrectionResultV1>(
    MarkingRpc.correct,
    MarkingCorrectionRequest,
  ),
  // permits: 施工许可审批 (approval workflow; request classes in approval.message.ts)
  approvalProjectRegister: rpcDef<ApprovalProjectRegistrationV1, ApprovalProjectV1>(
    ApprovalRpc.registerProject,
    ApprovalProjectRegistration,
  ),
  approvalApplicationSubmit: rpcDef<PermitApplicationSubmissionV1, PermitApplicationReceiptV1>(
    ApprovalRpc.submitApplication,
    PermitApplicationSubmission,
  ),
  approvalApplicationStatus: rpcDef<ApplicationIdBody, PermitApplicationStatusV1>(
    ApprovalRpc.applicantGet,
    ApplicationIdRequest,
  ),
  approvalApplicantAction: rpcDef<ApplicantActionRequestV1, ApplicationTransitionResultV1>(
    ApprovalRpc.applicantAction,
    ApplicantActionRequest,
  ),
  approvalApplicationList: rpcDef<ApplicationListRequestV1, PermitApplicationPageV1>(
    ApprovalRpc.list,
    ApplicationListRequest,
  ),
  approvalApplicationGet: rpcDef<ApplicationIdBody, PermitApplicationV1>(ApprovalRpc.get, ApplicationIdRequest),
  approvalApplicationTransition: rpcDef<ApplicationTransitionRequestV1, ApplicationTransitionResultV1>(
    ApprovalRpc.transition,
    ApplicationTransitionRequest,
  ),
  // Issue 14 (h14): the staff download of an application's 承诺函 (the bytes staged again, the reference answered)
  approvalCommitmentLetter: rpcDef<ApplicationIdBody, ScanRefV1>(ApprovalRpc.commitmentLetter, ApplicationIdRequest),
  // presale
  presaleIssue: rpcDef<PresaleIssueRequestV1, PresaleIssuedV1>(PresaleRpc.issue, PresaleIssueRequest, {
    invalid: INVALID_ISSUE_REQUEST,
  }),
  presaleGet: rpcDef<PresaleNumberBodyV1, PresalePermitV1>(PresaleRpc.get, PresaleNumberBodyV1, PRESALE_READ),
  presaleQr: rpcDef<PresaleQrRequestV1, BinaryFileV1>(PresaleRpc.qr, PresaleQrRequestV1, PRESALE_READ),
  presalePrintLayout: rpcDef<PresalePrintLayoutRequestV1, BinaryFileV1>(
    PresaleRpc.printLayout,
    PresalePrintLayoutRequestV1,
    PRESALE_READ,
  ),
  presaleRecount: rpcDef<SourceRecountRequestV1, SourceRecountV1>(
    ConsistencyRpc.presaleRecount,
    SourceRecountRequest,
    RECOUNT,
  ),
  presaleHealth: publicRpcDef<Empty, ServiceHealthV1>(PresaleRpc.health, EmptyBodyV1, EMPTY),
  publicVerify: publicRpcDef<VerifyRequestV1, VerifyResultV1>(PresaleRpc.verify, VerifyRequest, PUBLIC_QUERY),
  publicPermit: publicRpcDef<PresaleNumberBodyV1, PublicPresaleSummaryV1>(
    PresaleRpc.publicPermit,
    PresaleNumberBodyV1,
    PRESALE_READ,
  ),
  publicCheckpoint: publicRpcDef<Empty, { note: string }>(PresaleRpc.checkpoint, EmptyBodyV1, EMPTY),
  publicInclusionProof: publicRpcDef<InclusionProofRequestV1, InclusionProofV1>(
    PresaleRpc.inclusionProof,
    InclusionProofRequest,
    PROOF_REQUEST,
  ),
  publicConsistencyProof: publicRpcDef<ConsistencyProofRequestV1, ConsistencyProofV1>(
    PresaleRpc.consistencyProof,
    ConsistencyProofRequest,
    PROOF_REQUEST,
  ),
  publicKeys: publicRpcDef<Empty, JwksV1>(PresaleRpc.keys, EmptyBodyV1, EMPTY),
  publicSearch: publicRpcDef<PublicPresaleSearchRequestV1, PublicPresaleSearchPageV1>(
    PresaleRpc.publicSearch,
    PublicPresaleSearchQuery,
    { invalid: InvalidPayloads.publicSearch },
  ),
  backfillCandidates: rpcDef<BackfillCandidateListRequestV1, BackfillCandidatePageV1>(
    PresaleBackfillRpc.candidates,
    BackfillCandidateQuery,
    GATEWAY_QUERY,
  ),
  backfillIssue: rpcDef<BackfillIssueRequestV1, BackfillIssuedV1>(PresaleBackfillRpc.issue, BackfillIssueRequest, {
    invalid: INVALID_ISSUE_REQUEST,
  }),
  backfillList: rpcDef<BackfillListRequestV1, BackfillPageV1>(
    PresaleBackfillRpc.list,
    BackfillListQuery,
    GATEWAY_QUERY,
  ),
  backfillWithdraw: rpcDef<BackfillWithdrawRequestV1, BackfillWithdrawResultV1>(
    PresaleBackfillRpc.withdraw,
    BackfillWithdrawRequest,
  ),
  backfillSubmit: rpcDef<BackfillSubmitRequestV1, BackfillSubmitResultV1>(
    PresaleBackfillRpc.submit,
    BackfillSubmitRequest,
    { invalid: InvalidPayloads.validation, allReasons: true },
  ),
  backfillCorrect: rpcDef<PresaleCorrectionRequestV1, PresaleCorrectionResultV1>(
    PresaleBackfillRpc.correct,
    PresaleCorrectionRequest,
    { invalid: INVALID_CORRECTION_REQUEST },
  ),
  unpermittedRegister: rpcDef<UnpermittedPresaleRegisterRequestV1, UnpermittedPresaleProjectV1>(
    PresaleBackfillRpc.unpermittedRegister,
    UnpermittedPresaleRegisterRequest,
  ),
  unpermittedList: rpcDef<UnpermittedPresaleListRequestV1, UnpermittedPresalePageV1>(
    PresaleBackfillRpc.unpermittedList,
    BackfillKeywordQuery,
    GATEWAY_QUERY,
  ),
  // contracts
  contractFilingIssue: rpcDef<ContractFilingIssueRequestV1, ContractFilingIssuedV1>(
    ContractsRpc.filingIssue,
    ContractFilingIssueRequest,
  ),
  contractFilingGet: rpcDef<ContractFilingGetRequestV1, ContractFilingV1>(ContractsRpc.filingGet, ContractNumberBody, {
    invalid: InvalidPayloads.contractNumber,
  }),
  contractFilingCancel: rpcDef<ContractFilingCancelRequestV1, ContractFilingV1>(
    ContractsRpc.filingCancel,
    ContractFilingCancelRequest,
    { invalid: InvalidPayloads.contractNumberThenBody },
  ),
  contractsRecount: rpcDef<SourceRecountRequestV1, SourceRecountV1>(
    ConsistencyRpc.contractsRecount,
    SourceRecountRequest,
    RECOUNT,
  ),
  contractsSigningStatisticsReported: rpcDef<SourceRecountRequestV1, ReportedSigningStatisticsV1>(
    SigningComparisonRpc.reported,
    SourceRecountRequest,
    RECOUNT,
  ),
  contractsHealth: publicRpcDef<Empty, ServiceHealthV1>(ContractsRpc.health, EmptyBodyV1, EMPTY),
  statisticPut: rpcDef<SigningStatisticPutRequestV1, SigningStatisticPutResultV1>(
    ContractsStatisticsRpc.put,
    SigningStatisticPut,
  ),
  statisticList: rpcDef<SigningStatisticListRequestV1, SigningStatisticPageV1>(
    ContractsStatisticsRpc.list,
    SigningStatisticsQuery,
    GATEWAY_QUERY,
  ),
  statisticWithdraw: rpcDef<SigningStatisticWithdrawRequestV1, SigningStatisticWithdrawResultV1>(
    ContractsStatisticsRpc.withdraw,
    SigningStatisticWithdrawal,
  ),
  statisticSubmit: rpcDef<SigningStatisticSubmitRequestV1, SigningStatisticSubmitResultV1>(
    ContractsStatisticsRpc.submit,
    SigningStatisticSubmission,
  ),
  reconciliationRun: rpcDef<ReconciliationRunRequestV1, ReconciliationRunResultV1>(
    ReconciliationRpc.run,
    EmptyBodyV1,
    EMPTY,
  ),
  reconciliationList: rpcDef<ReconciliationListRequestV1, ReconciliationDifferencePageV1>(
    ReconciliationRpc.list,
    ReconciliationQuery,
    GATEWAY_QUERY,
  ),
  reconciliationAcknowledge: rpcDef<ReconciliationAcknowledgeRequestV1, ReconciliationDifferenceV1>(
    ReconciliationRpc.acknowledge,
    DifferenceAcknowledgeRequest,
    { invalid: InvalidPayloads.differenceIdThenBody },
  ),
  // escrow
  escrowList: rpcDef<EscrowListRequestV1, EscrowPageV1>(EscrowRpc.list, EscrowListQuery, GATEWAY_QUERY),
  escrowGet: rpcDef<EscrowGetRequestV1, EscrowRecordV1>(EscrowRpc.get, PresaleNumberBodyV1, PRESALE_READ),
  escrowVersions: rpcDef<EscrowGetRequestV1, EscrowVersionsV1>(EscrowRpc.versions, PresaleNumberBodyV1, PRESALE_READ),
  escrowPut: rpcDef<EscrowPutRequestV1, EscrowPutResultV1>(EscrowRpc.put, EscrowPutRequest, PRESALE_WRITE),
  escrowCommitmentLetter: rpcDef<EscrowCommitmentLetterRequestV1, EscrowPutResultV1>(
    EscrowRpc.commitmentLetter,
    EscrowCommitmentLetterRequest,
    PRESALE_WRITE,
  ),
  escrowWithdraw: rpcDef<EscrowWithdrawRequestV1, EscrowWithdrawResultV1>(EscrowRpc.withdraw, EscrowWithdrawRequest),
  escrowSubmit: rpcDef<EscrowSubmitRequestV1, EscrowSubmitResultV1>(EscrowRpc.submit, EscrowSubmitRequest),
  escrowCorrect: rpcDef<EscrowCorrectionRequestV1, EscrowCorrectionResultV1>(
    EscrowRpc.correct,
    EscrowCorrectionRequest,
    PRESALE_WRITE,
  ),
  escrowRecount: rpcDef<SourceRecountRequestV1, SourceRecountV1>(
    ConsistencyRpc.escrowRecount,
    SourceRecountRequest,
    RECOUNT,
  ),
  escrowHealth: publicRpcDef<Empty, ServiceHealthV1>(EscrowRpc.health, EmptyBodyV1, EMPTY),
  // alerts
  alertList: rpcDef<AlertListRequestV1, AlertPageV1>(AlertsRpc.list, AlertListQuery, {
    invalid: InvalidPayloads.filter,
    sort: ALERT_SORT,
  }),
  // the alert actions: a refused alertId as the gateway's path pipe answers (400), else 422 INCOMPLETE_SUBMISSION
  alertGet: rpcDef<AlertIdBody, AlertDetailV1>(AlertsRpc.get, AlertIdRequest, {
    invalid: InvalidPayloads.alertAction,
  }),
  alertFollowUp: rpcDef<AlertFollowUpRequestV1, AlertDetailV1>(AlertsRpc.followUp, AlertFollowUpRequest, {
    invalid: InvalidPayloads.alertAction,
  }),
  alertRequestDismissal: rpcDef<AlertDismissalRequestV1, AlertDetailV1>(
    AlertsRpc.requestDismissal,
    AlertDismissalRequest,
    { invalid: InvalidPayloads.alertAction },
  ),
  alertDecideDismissal: rpcDef<AlertDismissalDecisionV1, AlertDetailV1>(
    AlertsRpc.decideDismissal,
    AlertDismissalDecisionRequest,
    { invalid: InvalidPayloads.alertAction },
  ),
  alertLinkPermit: rpcDef<AlertPermitLinkRequestV1, AlertDetailV1>(AlertsRpc.linkPermit, AlertPermitLinkRequest, {
    invalid: InvalidPayloads.alertAction,
  }),
  acceptanceBackfillSubmit: rpcDef<AcceptanceBackfillSubmitRequestV1, AcceptanceBackfillV1>(
    AlertsRpc.backfillSubmit,
    AcceptanceBackfillSubmitRequest,
  ),
  acceptanceBackfillList: rpcDef<AcceptanceBackfillListRequestV1, AcceptanceBackfillPageV1>(
    AlertsRpc.backfillList,
    AcceptanceBackfillListQuery,
    { invalid: InvalidPayloads.filter, sort: ACCEPTANCE_BACKFILL_SORT },
  ),
  acceptanceBackfillDecide: rpcDef<AcceptanceBackfillDecisionV1, AcceptanceBackfillV1>(
    AlertsRpc.backfillDecide,
    AcceptanceBackfillDecisionRequest,
    { invalid: InvalidPayloads.backfillAction },
  ),
  alertsHealth: publicRpcDef<Empty, ServiceHealthV1>(AlertsRpc.health, EmptyBodyV1, EMPTY),
  statisticsSummary: rpcDef<StatisticsSummaryRequestV1, StatisticsSummaryV1>(
    StatisticsRpc.summary,
    StatisticsSummaryQuery,
    STATISTICS,
  ),
  statisticsMonthly: rpcDef<StatisticsMonthlyRequestV1, StatisticsMonthlyV1>(
    StatisticsRpc.monthly,
    StatisticsMonthlyQuery,
    STATISTICS,
  ),
  statisticsRecords: rpcDef<StatisticsRecordsRequestV1, StatisticsRecordPageV1>(
    StatisticsRpc.records,
    StatisticsRecordsQuery,
    STATISTICS,
  ),
  statisticsConsistency: rpcDef<StatisticsConsistencyRequestV1, StatisticsConsistencyV1>(
    ConsistencyRpc.check,
    StatisticsConsistencyQuery,
    STATISTICS,
  ),
  // 营商环境考核 (issue 13 item 4)
  statisticsAssessment: rpcDef<StatisticsAssessmentRequestV1, StatisticsAssessmentV1>(
    AssessmentRpc.assessment,
    StatisticsAssessmentQuery,
    STATISTICS,
  ),
  assessmentAppealSubmit: rpcDef<AssessmentAppealSubmitRequestV1, AssessmentAppealV1>(
    AssessmentRpc.appealSubmit,
    AssessmentAppealSubmission,
  ),
  assessmentAppealList: rpcDef<AssessmentAppealListRequestV1, AssessmentAppealPageV1>(
    AssessmentRpc.appealList,
    AssessmentAppealListQuery,
    STATISTICS,
  ),
  assessmentAppealDecide: rpcDef<AssessmentAppealDecisionRequestV1, AssessmentAppealV1>(
    AssessmentRpc.appealDecide,
    AssessmentAppealDecisionRequest,
    { invalid: InvalidPayloads.appealAction },
  ),
  assessmentAppealScan: rpcDef<AssessmentAppealScanRequestV1, ScanRefV1>(
    AssessmentRpc.appealScan,
    AssessmentAppealScanRequest,
    { invalid: InvalidPayloads.appealScan },
  ),
  // exchange (数据推送; rules in exchange.ts, request classes in exchange.message.ts and exchange-requests.message.ts)
  exchangeHealth: publicRpcDef<Empty, ServiceHealthV1>(ExchangeRpc.health, EmptyBodyV1, EMPTY),
  exchangeSubscriberCreate: rpcDef<SubscriberInputV1, SubscriberV1>(ExchangeRpc.subscriberCreate, SubscriberInput),
  exchangeSubscriberList: rpcDef<Empty, SubscriberPageV1>(ExchangeRpc.subscriberList, EmptyBodyV1, EMPTY),
  exchangeSubscriberGet: rpcDef<ExchangeSubscriberIdBody, SubscriberV1>(
    ExchangeRpc.subscriberGet,
    SubscriberIdRequest,
    EXCHANGE,
  ),
  exchangeSubscriberUpdate: rpcDef<ExchangeSubscriberIdBody & { patch: SubscriberPatchV1 }, SubscriberV1>(
    ExchangeRpc.subscriberUpdate,
    SubscriberUpdateRequest,
    EXCHANGE,
  ),
  exchangeDeliveryList: rpcDef<ExchangeSubscriberIdBody & { limit?: number }, DeliveryPageV1>(
    ExchangeRpc.deliveryList,
    DeliveryListRequest,
    EXCHANGE,
  ),
  exchangeRedeliver: rpcDef<ExchangeSubscriberIdBody & { eventId: string }, DeliveryV1>(
    ExchangeRpc.redeliver,
    RedeliverRequest,
    EXCHANGE,
  ),
  exchangeReplay: rpcDef<ReplayRequestV1, ReplayResultV1>(ExchangeRpc.replay, ReplayRequest, EXCHANGE),
  exchangeDeadLetterList: rpcDef<ExchangeSubscriberIdBody, DeliveryPageV1>(
    ExchangeRpc.deadLetterList,
    SubscriberIdRequest,
    EXCHANGE,
  ),
  exchangeDeadLetterRequeue: rpcDef<ExchangeSubscriberIdBody & { eventIds?: string[] }, ReplayResultV1>(
    ExchangeRpc.deadLetterRequeue,
    DeadLetterRequeueRequest,
    EXCHANGE,
  ),
  exchangeEventsPull: rpcDef<{ cursor?: string; limit?: number }, ExchangeEventPageV1>(
    ExchangeRpc.eventsPull,
    EventsPullQuery,
  ),
  exchangeManifestGet: rpcDef<ExchangeSubscriberIdBody & { date: string }, ExchangeManifestV1>(
    ExchangeRpc.manifestGet,
    ManifestGetRequest,
    EXCHANGE,
  ),
  exchangeManifestPull: rpcDef<{ date: string }, ExchangeManifestV1>(ExchangeRpc.manifestPull, ManifestQuery),
  // 统计日报 (issue 13 item 5)
  statisticsDigestList: rpcDef<StatisticsDigestListRequestV1, StatisticsDigestPageV1>(
    DigestRpc.list,
    StatisticsDigestListQuery,
    STATISTICS,
  ),
  statisticsDigestGenerate: rpcDef<StatisticsDigestGenerateRequestV1, StatisticsDigestGenerateResultV1>(
    DigestRpc.generate,
    StatisticsDigestGenerateInput,
    STATISTICS,
  ),
  // 从源头纠正 at province scale (issue 13): bucketed recounts, each reply small (consistency-buckets.ts)
  permitsRecountBuckets: rpcDef<SourceRecountRequestV1, SourceRecountBucketsV1>(
    ConsistencyBucketRpc.permitsBuckets,
    SourceRecountRequest,
    RECOUNT,
  ),
  presaleRecountBuckets: rpcDef<SourceRecountRequestV1, SourceRecountBucketsV1>(
    ConsistencyBucketRpc.presaleBuckets,
    SourceRecountRequest,
    RECOUNT,
  ),
  escrowRecountBuckets: rpcDef<SourceRecountRequestV1, SourceRecountBucketsV1>(
    ConsistencyBucketRpc.escrowBuckets,
    SourceRecountRequest,
    RECOUNT,
  ),
  contractsRecountBuckets: rpcDef<SourceRecountRequestV1, SourceRecountBucketsV1>(
    ConsistencyBucketRpc.contractsBuckets,
    SourceRecountRequest,
    RECOUNT,
  ),
  permitsRecountOfBuckets: rpcDef<SourceBucketRecountRequestV1, SourceRecountV1>(
    ConsistencyBucketRpc.permitsRecountBuckets,
    SourceBucketRecountRequest,
    RECOUNT,
  ),
  presaleRecountOfBuckets: rpcDef<SourceBucketRecountRequestV1, SourceRecountV1>(
    ConsistencyBucketRpc.presaleRecountBuckets,
    SourceBucketRecountRequest,
    RECOUNT,
  ),
  escrowRecountOfBuckets: rpcDef<SourceBucketRecountRequestV1, SourceRecountV1>(
    ConsistencyBucketRpc.escrowRecountBuckets,
    SourceBucketRecountRequest,
    RECOUNT,
  ),
  contractsRecountOfBuckets: rpcDef<SourceBucketRecountRequestV1, SourceRecountV1>(
    ConsistencyBucketRpc.contractsRecountBuckets,
    SourceBucketRecountRequest,
    RECOUNT,
  ),
  contractsSigningStatisticsPage: rpcDef<ReportedSigningStatisticsPageRequestV1, ReportedSigningStatisticsPageV1>(
    ConsistencyBucketRpc.contractsSigningStatisticsPage,
    ReportedSigningStatisticsPageRequest,
    RECOUNT,
  ),
} as const;

export type RpcName = keyof typeof Rpc;

/** The services that answer request/reply, by the second segment of their subjects. */
export const RPC_SERVICES = ['permits', 'presale', 'contracts', 'escrow', 'alerts', 'exchange'] as const;
export type RpcService = (typeof RPC_SERVICES)[number];

/** The service owning a subject: rpc.<service>.… */
export function rpcServiceOf(subject: string): string {
  return subject.split('.')[1] ?? '';
}

/** The map's entries owned by one service (its controllers must handle exactly these). */
export function rpcSubjectsOf(service: RpcService): string[] {
  return Object.values(Rpc)
    .map((d) => d.subject)
    .filter((s) => rpcServiceOf(s) === service)
    .sort();
}
