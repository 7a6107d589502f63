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
  PermitSearchQueryV1,
  PermitsRpc,
  PermitUpsertResultV1,
  PermitUpsertV1,
} from './permits';
import {
  BinaryFileV1,
  ConsistencyProofV1,
  InclusionProofV1,
  JwksV1,
  PaperSizeV1,
  PresaleIssuedV1,
  PresaleIssueRequestV1,
  PresalePermitV1,
  PresaleRpc,
  PublicPresaleSummaryV1,
  VerifyResultV1,
} from './presale';
import { RpcRequest } from './principal';
import { PublicPresaleSearchPageV1, PublicPresaleSearchRequestV1 } from './public-search.message';
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
 * One request/reply contract: its NATS subject (the wire name, never changed once published), its
 * request body and response types (phantom: types only, nothing at runtime) and whether the
 * payload carries the caller. The gateway calls `rpc.call(def, …)`, the service binds
 * `@RpcHandler(def)`: both sides read the same entry of {@link Rpc}.
 */
export interface RpcDef<Req, Res, K extends RpcKind = RpcKind> {
  readonly subject: string;
  readonly kind: K;
  /** phantom member carrying the types; always undefined */
  readonly types?: (request: Req) => Res;
}

/** A contract whose payload is RpcRequest<Req>. */
export function rpcDef<Req, Res>(subject: string): RpcDef<Req, Res, 'principal'> {
  return { subject, kind: 'principal' };
}

/** A contract without a caller (public verification, health): the payload is the body. */
export function publicRpcDef<Req, Res>(subject: string): RpcDef<Req, Res, 'public'> {
  return { subject, kind: 'public' };
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
interface PermitNumberBody {
  permitNumber: string;
}
interface PresaleNumberBody {
  presaleNumber: string;
}

/**
 * Every request/reply subject of the platform, once. The wire names are the *Rpc constants beside
 * each domain's types (written there once, never changed); a new RPC is one entry here and one
 * `@RpcHandler(Rpc.x)` in its service. Entries are grouped by owning service (the subject's second
 * segment): rpc.permits.*, rpc.presale.*, rpc.contracts.*, rpc.escrow.*, rpc.alerts.*.
 */
export const Rpc = {
  // permits
  permitGet: rpcDef<PermitNumberBody, ConstructionPermitV1>(PermitsRpc.getPermit),
  permitSearch: rpcDef<PermitSearchQueryV1, PageV1<ConstructionPermitV1>>(PermitsRpc.searchPermits),
  permitUnits: rpcDef<PermitNumberBody, BuildingUnitV1[]>(PermitsRpc.listUnits),
  permitELicense: rpcDef<PermitNumberBody, ELicenseV1>(PermitsRpc.getELicense),
  permitUpsert: rpcDef<{ permitNumber: string; permit: PermitUpsertV1 }, PermitUpsertResultV1>(PermitsRpc.upsertPermit),
  permitsRecount: rpcDef<SourceRecountRequestV1, SourceRecountV1>(ConsistencyRpc.permitsRecount),
  permitsHealth: publicRpcDef<Empty, ServiceHealthV1>(PermitsRpc.health),
  markingList: rpcDef<MarkingListRequestV1, MarkingPageV1>(MarkingRpc.list),
  markingBatch: rpcDef<MarkingBatchRequestV1, MarkingBatchResultV1>(MarkingRpc.batch),
  markingWithdraw: rpcDef<MarkingWithdrawRequestV1, MarkingWithdrawResultV1>(MarkingRpc.withdraw),
  markingSubmit: rpcDef<MarkingSubmitRequestV1, MarkingSubmitResultV1>(MarkingRpc.submit),
  markingCorrect: rpcDef<MarkingCorrectionRequestV1, MarkingCorrectionResultV1>(MarkingRpc.correct),
  // permits: 施工许可审批 (approval workflow; request classes in approval.message.ts)
  approvalProjectRegister: rpcDef<ApprovalProjectRegistrationV1, ApprovalProjectV1>(ApprovalRpc.registerProject),
  approvalApplicationSubmit: rpcDef<PermitApplicationSubmissionV1, PermitApplicationReceiptV1>(
    ApprovalRpc.submitApplication,
  ),
  approvalApplicationStatus: rpcDef<ApplicationIdBody, PermitApplicationStatusV1>(ApprovalRpc.applicantGet),
  approvalApplicantAction: rpcDef<ApplicantActionRequestV1, ApplicationTransitionResultV1>(ApprovalRpc.applicantAction),
  approvalApplicationList: rpcDef<ApplicationListRequestV1, PermitApplicationPageV1>(ApprovalRpc.list),
  approvalApplicationGet: rpcDef<ApplicationIdBody, PermitApplicationV1>(ApprovalRpc.get),
  approvalApplicationTransition: rpcDef<ApplicationTransitionRequestV1, ApplicationTransitionResultV1>(
    ApprovalRpc.transition,
  ),
  // presale
  presaleIssue: rpcDef<PresaleIssueRequestV1, PresaleIssuedV1>(PresaleRpc.issue),
  presaleGet: rpcDef<PresaleNumberBody, PresalePermitV1>(PresaleRpc.get),
  presaleQr: rpcDef<{ presaleNumber: string; format: 'png' | 'svg' }, BinaryFileV1>(PresaleRpc.qr),
  presalePrintLayout: rpcDef<{ presaleNumber: string; paper?: PaperSizeV1 }, BinaryFileV1>(PresaleRpc.printLayout),
  presaleRecount: rpcDef<SourceRecountRequestV1, SourceRecountV1>(ConsistencyRpc.presaleRecount),
  presaleHealth: publicRpcDef<Empty, ServiceHealthV1>(PresaleRpc.health),
  publicVerify: publicRpcDef<{ token: string }, VerifyResultV1>(PresaleRpc.verify),
  publicPermit: publicRpcDef<PresaleNumberBody, PublicPresaleSummaryV1>(PresaleRpc.publicPermit),
  publicCheckpoint: publicRpcDef<Empty, { note: string }>(PresaleRpc.checkpoint),
  publicInclusionProof: publicRpcDef<{ index: number; treeSize: number }, InclusionProofV1>(PresaleRpc.inclusionProof),
  publicConsistencyProof: publicRpcDef<{ first: number; second: number }, ConsistencyProofV1>(
    PresaleRpc.consistencyProof,
  ),
  publicKeys: publicRpcDef<Empty, JwksV1>(PresaleRpc.keys),
  publicSearch: publicRpcDef<PublicPresaleSearchRequestV1, PublicPresaleSearchPageV1>(PresaleRpc.publicSearch),
  backfillCandidates: rpcDef<BackfillCandidateListRequestV1, BackfillCandidatePageV1>(PresaleBackfillRpc.candidates),
  backfillIssue: rpcDef<BackfillIssueRequestV1, BackfillIssuedV1>(PresaleBackfillRpc.issue),
  backfillList: rpcDef<BackfillListRequestV1, BackfillPageV1>(PresaleBackfillRpc.list),
  backfillWithdraw: rpcDef<BackfillWithdrawRequestV1, BackfillWithdrawResultV1>(PresaleBackfillRpc.withdraw),
  backfillSubmit: rpcDef<BackfillSubmitRequestV1, BackfillSubmitResultV1>(PresaleBackfillRpc.submit),
  backfillCorrect: rpcDef<PresaleCorrectionRequestV1, PresaleCorrectionResultV1>(PresaleBackfillRpc.correct),
  unpermittedRegister: rpcDef<UnpermittedPresaleRegisterRequestV1, UnpermittedPresaleProjectV1>(
    PresaleBackfillRpc.unpermittedRegister,
  ),
  unpermittedList: rpcDef<UnpermittedPresaleListRequestV1, UnpermittedPresalePageV1>(
    PresaleBackfillRpc.unpermittedList,
  ),
  // contracts
  contractFilingIssue: rpcDef<ContractFilingIssueRequestV1, ContractFilingIssuedV1>(ContractsRpc.filingIssue),
  contractFilingGet: rpcDef<ContractFilingGetRequestV1, ContractFilingV1>(ContractsRpc.filingGet),
  contractFilingCancel: rpcDef<ContractFilingCancelRequestV1, ContractFilingV1>(ContractsRpc.filingCancel),
  contractsRecount: rpcDef<SourceRecountRequestV1, SourceRecountV1>(ConsistencyRpc.contractsRecount),
  contractsHealth: publicRpcDef<Empty, ServiceHealthV1>(ContractsRpc.health),
  statisticPut: rpcDef<SigningStatisticPutRequestV1, SigningStatisticPutResultV1>(ContractsStatisticsRpc.put),
  statisticList: rpcDef<SigningStatisticListRequestV1, SigningStatisticPageV1>(ContractsStatisticsRpc.list),
  statisticWithdraw: rpcDef<SigningStatisticWithdrawRequestV1, SigningStatisticWithdrawResultV1>(
    ContractsStatisticsRpc.withdraw,
  ),
  statisticSubmit: rpcDef<SigningStatisticSubmitRequestV1, SigningStatisticSubmitResultV1>(
    ContractsStatisticsRpc.submit,
  ),
  reconciliationRun: rpcDef<ReconciliationRunRequestV1, ReconciliationRunResultV1>(ReconciliationRpc.run),
  reconciliationList: rpcDef<ReconciliationListRequestV1, ReconciliationDifferencePageV1>(ReconciliationRpc.list),
  reconciliationAcknowledge: rpcDef<ReconciliationAcknowledgeRequestV1, ReconciliationDifferenceV1>(
    ReconciliationRpc.acknowledge,
  ),
  // escrow
  escrowList: rpcDef<EscrowListRequestV1, EscrowPageV1>(EscrowRpc.list),
  escrowGet: rpcDef<EscrowGetRequestV1, EscrowRecordV1>(EscrowRpc.get),
  escrowVersions: rpcDef<EscrowGetRequestV1, EscrowVersionsV1>(EscrowRpc.versions),
  escrowPut: rpcDef<EscrowPutRequestV1, EscrowPutResultV1>(EscrowRpc.put),
  escrowCommitmentLetter: rpcDef<EscrowCommitmentLetterRequestV1, EscrowPutResultV1>(EscrowRpc.commitmentLetter),
  escrowWithdraw: rpcDef<EscrowWithdrawRequestV1, EscrowWithdrawResultV1>(EscrowRpc.withdraw),
  escrowSubmit: rpcDef<EscrowSubmitRequestV1, EscrowSubmitResultV1>(EscrowRpc.submit),
  escrowCorrect: rpcDef<EscrowCorrectionRequestV1, EscrowCorrectionResultV1>(EscrowRpc.correct),
  escrowRecount: rpcDef<SourceRecountRequestV1, SourceRecountV1>(ConsistencyRpc.escrowRecount),
  escrowHealth: publicRpcDef<Empty, ServiceHealthV1>(EscrowRpc.health),
  // alerts
  alertList: rpcDef<AlertListRequestV1, AlertPageV1>(AlertsRpc.list),
  alertGet: rpcDef<AlertIdBody, AlertDetailV1>(AlertsRpc.get),
  alertFollowUp: rpcDef<AlertFollowUpRequestV1, AlertDetailV1>(AlertsRpc.followUp),
  alertRequestDismissal: rpcDef<AlertDismissalRequestV1, AlertDetailV1>(AlertsRpc.requestDismissal),
  alertDecideDismissal: rpcDef<AlertDismissalDecisionV1, AlertDetailV1>(AlertsRpc.decideDismissal),
  alertLinkPermit: rpcDef<AlertPermitLinkRequestV1, AlertDetailV1>(AlertsRpc.linkPermit),
  acceptanceBackfillSubmit: rpcDef<AcceptanceBackfillSubmitRequestV1, AcceptanceBackfillV1>(AlertsRpc.backfillSubmit),
  acceptanceBackfillList: rpcDef<AcceptanceBackfillListRequestV1, AcceptanceBackfillPageV1>(AlertsRpc.backfillList),
  acceptanceBackfillDecide: rpcDef<AcceptanceBackfillDecisionV1, AcceptanceBackfillV1>(AlertsRpc.backfillDecide),
  alertsHealth: publicRpcDef<Empty, ServiceHealthV1>(AlertsRpc.health),
  statisticsSummary: rpcDef<StatisticsSummaryRequestV1, StatisticsSummaryV1>(StatisticsRpc.summary),
  statisticsMonthly: rpcDef<StatisticsMonthlyRequestV1, StatisticsMonthlyV1>(StatisticsRpc.monthly),
  statisticsRecords: rpcDef<StatisticsRecordsRequestV1, StatisticsRecordPageV1>(StatisticsRpc.records),
  statisticsConsistency: rpcDef<StatisticsConsistencyRequestV1, StatisticsConsistencyV1>(ConsistencyRpc.check),
  // 营商环境考核 (issue 13 item 4)
  statisticsAssessment: rpcDef<StatisticsAssessmentRequestV1, StatisticsAssessmentV1>(AssessmentRpc.assessment),
  assessmentAppealSubmit: rpcDef<AssessmentAppealSubmitRequestV1, AssessmentAppealV1>(AssessmentRpc.appealSubmit),
  assessmentAppealList: rpcDef<AssessmentAppealListRequestV1, AssessmentAppealPageV1>(AssessmentRpc.appealList),
  assessmentAppealDecide: rpcDef<AssessmentAppealDecisionRequestV1, AssessmentAppealV1>(AssessmentRpc.appealDecide),
  // 统计日报 (issue 13 item 5)
  statisticsDigestList: rpcDef<StatisticsDigestListRequestV1, StatisticsDigestPageV1>(DigestRpc.list),
  statisticsDigestGenerate: rpcDef<StatisticsDigestGenerateRequestV1, StatisticsDigestGenerateResultV1>(
    DigestRpc.generate,
  ),
} as const;

export type RpcName = keyof typeof Rpc;

/** The services that answer request/reply, by the second segment of their subjects. */
export const RPC_SERVICES = ['permits', 'presale', 'contracts', 'escrow', 'alerts'] as const;
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
