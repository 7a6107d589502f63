/**
 * Messages of the contracts service for 网签统计补录 (signing statistics backfill) and 与房地产市场
 * 监管平台比对 (reconciliation with the market platform). Staff only (principal.kind 'staff'),
 * region-scoped. Amounts are integers in fen (分), floor areas m² with two decimals.
 */
import { PageV1 } from './permits';

/** BACKFILL: months before the contract cut-over (2024-09); PERIODIC: from the cut-over on. */
export type SigningStatisticKindV1 = 'BACKFILL' | 'PERIODIC';

/** DRAFT can be changed and withdrawn; SUBMITTED is locked (corrections only by audited admin action). */
export type SigningStatisticStateV1 = 'DRAFT' | 'SUBMITTED';

/** 网签统计: contracts signed under one presale permit in one month. */
export interface SigningStatisticV1 {
  presaleNumber: string;
  regionCode: string;
  /** from the presale replica, null when unknown */
  projectName: string | null;
  /** YYYY-MM */
  month: string;
  contractsSigned: number;
  /** m², two decimals */
  floorArea: number;
  amountFen: number;
  kind: SigningStatisticKindV1;
  state: SigningStatisticStateV1;
  /** current version; versions are never reused, every version is kept */
  version: number;
  /** staff user who entered the current version */
  enteredBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  submittedBy: string | null;
}

/** Request of rpc.contracts.statistics.put.v1: creates the record or a new DRAFT version of it. */
export interface SigningStatisticPutRequestV1 {
  presaleNumber: string;
  /** YYYY-MM, not in the future, not before the presale permit's issue month */
  month: string;
  /** integer ≥ 0 */
  contractsSigned: number;
  /** ≥ 0, at most two decimals */
  floorArea: number;
  /** integer ≥ 0 */
  amountFen: number;
}

export interface SigningStatisticPutResultV1 {
  statistic: SigningStatisticV1;
  /** "unchanged": same figures as the current version, no new version written */
  outcome: 'created' | 'updated' | 'unchanged';
}

/** Request of rpc.contracts.statistics.list.v1 (caller's regions only). */
export interface SigningStatisticListRequestV1 {
  presaleNumber?: string;
  month?: string;
  state?: SigningStatisticStateV1;
  page: number;
  /** 1..100, default 20 */
  pageSize: number;
}

/** Request of rpc.contracts.statistics.withdraw.v1 (撤回): undoes the caller's last unsubmitted version. */
export interface SigningStatisticWithdrawRequestV1 {
  presaleNumber: string;
  month: string;
}

export interface SigningStatisticWithdrawResultV1 {
  presaleNumber: string;
  month: string;
  withdrawnVersion: number;
  /** RESTORED: the previous version is current again; REMOVED: there was none, the draft is gone */
  outcome: 'RESTORED' | 'REMOVED';
  statistic: SigningStatisticV1 | null;
}

/** Request of rpc.contracts.statistics.submit.v1 (提交): locks the given months, all or none. */
export interface SigningStatisticSubmitRequestV1 {
  presaleNumber: string;
  /** 1..120 distinct YYYY-MM months, each with a DRAFT record */
  months: string[];
}

export interface SigningStatisticSubmitResultV1 {
  statistics: SigningStatisticV1[];
}

/** data of hn.contracts.statistics.reported.v1 (one event per submitted month; subject = presale number) */
export interface SigningStatisticReportedV1 {
  statistic: SigningStatisticV1;
}

/** OPEN: to be checked by the city/county; ACKNOWLEDGED: explained; RESOLVED: no longer found (closed). */
export type ReconciliationDifferenceStateV1 = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

/**
 * One difference between our side (ACTIVE contract filings by filing month + SUBMITTED manual
 * statistics) and the market platform, for one presale permit and month.
 * Deltas are OURS − MARKET (positive: we count more than the market platform).
 */
export interface ReconciliationDifferenceV1 {
  id: string;
  presaleNumber: string;
  regionCode: string;
  /** YYYY-MM */
  month: string;
  countDelta: number;
  /** m², two decimals */
  areaDelta: number;
  amountDeltaFen: number;
  /** contract numbers the market platform has and we do not */
  missingOnOurs: string[];
  /** contract numbers we have (ACTIVE) and the market platform does not */
  missingOnMarket: string[];
  /** contract numbers on both sides with a different floor area or amount */
  mismatched: string[];
  ours: ReconciliationFiguresV1;
  market: ReconciliationFiguresV1;
  state: ReconciliationDifferenceStateV1;
  /** run that first found it, and the last run that still found it */
  runId: string;
  lastRunId: string;
  foundAt: string;
  explanation: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}

export interface ReconciliationFiguresV1 {
  contracts: number;
  floorArea: number;
  amountFen: number;
}

/** Request of rpc.contracts.reconciliation.run.v1 (on demand; the body may be empty). */
export type ReconciliationRunRequestV1 = Record<string, never>;

export interface ReconciliationRunResultV1 {
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** what the pull from the market platform brought in this run */
  pulled: { pages: number; items: number; badItems: number };
  /** (presale permit, month) groups compared */
  comparedGroups: number;
  newDifferences: number;
  unchangedDifferences: number;
  resolvedDifferences: number;
  /** the differences this run found (new and unchanged) inside the caller's regions, at most 1000 */
  differences: ReconciliationDifferenceV1[];
  differencesTruncated: boolean;
}

/** Request of rpc.contracts.reconciliation.list.v1; without state: OPEN and ACKNOWLEDGED. */
export interface ReconciliationListRequestV1 {
  state?: ReconciliationDifferenceStateV1;
  /** a region inside the caller's (city code covers its counties) */
  regionCode?: string;
  page: number;
  pageSize: number;
}

/** Request of rpc.contracts.reconciliation.acknowledge.v1 (核实说明). */
export interface ReconciliationAcknowledgeRequestV1 {
  differenceId: string;
  /** 1–1000 characters */
  explanation: string;
}

/** data of hn.contracts.reconciliation.difference-found.v1 and …difference-resolved.v1 (subject = presale number) */
export interface ReconciliationDifferenceEventV1 {
  difference: ReconciliationDifferenceV1;
}

export type SigningStatisticPageV1 = PageV1<SigningStatisticV1>;
export type ReconciliationDifferencePageV1 = PageV1<ReconciliationDifferenceV1>;

export const ContractsStatisticsRpc = {
  put: 'rpc.contracts.statistics.put.v1',
  list: 'rpc.contracts.statistics.list.v1',
  withdraw: 'rpc.contracts.statistics.withdraw.v1',
  submit: 'rpc.contracts.statistics.submit.v1',
} as const;

export const ReconciliationRpc = {
  run: 'rpc.contracts.reconciliation.run.v1',
  list: 'rpc.contracts.reconciliation.list.v1',
  acknowledge: 'rpc.contracts.reconciliation.acknowledge.v1',
} as const;

/** Published to the HN_CONTRACTS stream (hn.contracts.>) through the outbox. */
export const ReconciliationEvents = {
  statisticsReported: 'hn.contracts.statistics.reported.v1',
  differenceFound: 'hn.contracts.reconciliation.difference-found.v1',
  differenceResolved: 'hn.contracts.reconciliation.difference-resolved.v1',
  /** 核实说明: the county or city explained the difference (data ReconciliationDifferenceEventV1) */
  differenceAcknowledged: 'hn.contracts.reconciliation.difference-acknowledged.v1',
} as const;
