/**
 * Messages of the contracts service for 网签统计补录 (signing statistics backfill) and 与房地产市场
 * 监管平台比对 (reconciliation with the market platform). Staff only (principal.kind 'staff'),
 * region-scoped. Amounts are integers in fen (分), floor areas m² with two decimals. The replies are
 * classes: the contracts service returns them and the gateway's OpenAPI document is generated from
 * their decorators.
 */
import { ApiProperty } from '@nestjs/swagger';
import type { PageV1 } from './permits';

/** BACKFILL: months before the contract cut-over (2024-09); PERIODIC: from the cut-over on. */
export type SigningStatisticKindV1 = 'BACKFILL' | 'PERIODIC';

/** DRAFT can be changed and withdrawn; SUBMITTED is locked (corrections only by audited admin action). */
export type SigningStatisticStateV1 = 'DRAFT' | 'SUBMITTED';

/** 网签统计: contracts signed under one presale permit in one month. */
export class SigningStatisticV1 {
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  /** from the presale replica, null when unknown */
  @ApiProperty({ example: '锦绣星城三期（22#栋）', nullable: true, type: String }) projectName!: string | null;
  /** YYYY-MM */
  @ApiProperty({ example: '2024-08' }) month!: string;
  @ApiProperty({ example: 36 }) contractsSigned!: number;
  /** m², two decimals */
  @ApiProperty({ example: 3456.78, description: '平方米 m²' }) floorArea!: number;
  @ApiProperty({ example: 2_345_678_900, description: '分 fen' }) amountFen!: number;
  @ApiProperty({ example: 'BACKFILL', enum: ['BACKFILL', 'PERIODIC'], description: '切换日前补录 / 定期报送' })
  kind!: SigningStatisticKindV1;
  @ApiProperty({ example: 'DRAFT', enum: ['DRAFT', 'SUBMITTED'], description: '草稿可修改、撤回；已提交即锁定' })
  state!: SigningStatisticStateV1;
  /** current version; versions are never reused, every version is kept */
  @ApiProperty({ example: 2, description: '当前版本号（版本不复用，全部保留）' }) version!: number;
  /** staff user who entered the current version */
  @ApiProperty({ example: 'youxian.zhang' }) enteredBy!: string;
  @ApiProperty({ example: '2024-09-03T02:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2024-09-03T02:10:00.000Z' }) updatedAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) submittedBy!: string | null;
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

export class SigningStatisticPutResultV1 {
  @ApiProperty({ type: () => SigningStatisticV1 }) statistic!: SigningStatisticV1;
  /** "unchanged": same figures as the current version, no new version written */
  @ApiProperty({
    example: 'created',
    enum: ['created', 'updated', 'unchanged'],
    description: '新建（201）/ 新版本（200）/ 与当前版本相同，未写新版本（200）',
  })
  outcome!: 'created' | 'updated' | 'unchanged';
}

/** Request of rpc.contracts.statistics.list.v1 (caller's regions only). */
export interface SigningStatisticListRequestV1 {
  presaleNumber?: string;
  month?: string;
  state?: SigningStatisticStateV1;
  page: number;
  /** 1..100, default 20 */
  pageSize: number;
  /** one of SIGNING_STATISTIC_SORT's values; absent: month descending */
  sort?: string;
}

/** Request of rpc.contracts.statistics.withdraw.v1 (撤回): undoes the caller's last unsubmitted version. */
export interface SigningStatisticWithdrawRequestV1 {
  presaleNumber: string;
  month: string;
}

export class SigningStatisticWithdrawResultV1 {
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  @ApiProperty({ example: '2024-08' }) month!: string;
  @ApiProperty({ example: 2 }) withdrawnVersion!: number;
  /** RESTORED: the previous version is current again; REMOVED: there was none, the draft is gone */
  @ApiProperty({
    example: 'RESTORED',
    enum: ['RESTORED', 'REMOVED'],
    description: '恢复上一版本 / 无上一版本，记录删除',
  })
  outcome!: 'RESTORED' | 'REMOVED';
  @ApiProperty({ type: () => SigningStatisticV1, nullable: true }) statistic!: SigningStatisticV1 | null;
}

/** Request of rpc.contracts.statistics.submit.v1 (提交): locks the given months, all or none. */
export interface SigningStatisticSubmitRequestV1 {
  presaleNumber: string;
  /** 1..120 distinct YYYY-MM months, each with a DRAFT record */
  months: string[];
}

export class SigningStatisticSubmitResultV1 {
  @ApiProperty({ type: () => [SigningStatisticV1] }) statistics!: SigningStatisticV1[];
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
export class ReconciliationFiguresV1 {
  @ApiProperty({ example: 5 }) contracts!: number;
  @ApiProperty({ example: 512.34 }) floorArea!: number;
  @ApiProperty({ example: 456_789_000 }) amountFen!: number;
}

export class ReconciliationDifferenceV1 {
  @ApiProperty({ example: '8d6c7a8e-2f4b-4a8e-9a43-0c1f5f0f2b11' }) id!: string;
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  /** YYYY-MM */
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty({ example: -1, description: '本平台 − 市场监管平台 (ours − market)' }) countDelta!: number;
  /** m², two decimals */
  @ApiProperty({ example: -98.76 }) areaDelta!: number;
  @ApiProperty({ example: -88_000_000 }) amountDeltaFen!: number;
  /** contract numbers the market platform has and we do not */
  @ApiProperty({ example: ['430223202406200101-Y01-B0005'], type: [String], description: '市场监管平台有、本平台无' })
  missingOnOurs!: string[];
  /** contract numbers we have (ACTIVE) and the market platform does not */
  @ApiProperty({ example: [], type: [String], description: '本平台有（有效）、市场监管平台无' })
  missingOnMarket!: string[];
  /** contract numbers on both sides with a different floor area or amount */
  @ApiProperty({ example: [], type: [String], description: '两边都有但面积或金额不同' }) mismatched!: string[];
  @ApiProperty({ type: () => ReconciliationFiguresV1 }) ours!: ReconciliationFiguresV1;
  @ApiProperty({ type: () => ReconciliationFiguresV1 }) market!: ReconciliationFiguresV1;
  @ApiProperty({ example: 'OPEN', enum: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'], description: '待核实 / 已说明 / 已消除' })
  state!: ReconciliationDifferenceStateV1;
  /** run that first found it, and the last run that still found it */
  @ApiProperty({ example: '1b3c0a52-2c55-4d7e-9e8f-3e1f4c0d7a21' }) runId!: string;
  @ApiProperty({ example: '1b3c0a52-2c55-4d7e-9e8f-3e1f4c0d7a21' }) lastRunId!: string;
  @ApiProperty({ example: '2024-11-01T01:00:00.000Z' }) foundAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) explanation!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) resolvedAt!: string | null;
}

/** Request of rpc.contracts.reconciliation.run.v1 (on demand; the body may be empty). */
export type ReconciliationRunRequestV1 = Record<string, never>;

/** What the pull from the market platform brought in one run. */
export class ReconciliationPulledV1 {
  @ApiProperty({ example: 2 }) pages!: number;
  @ApiProperty({ example: 245 }) items!: number;
  @ApiProperty({ example: 4, description: '格式错误、未参与比对的记录数' }) badItems!: number;
}

export class ReconciliationRunResultV1 {
  @ApiProperty({ example: '1b3c0a52-2c55-4d7e-9e8f-3e1f4c0d7a21' }) runId!: string;
  @ApiProperty({ example: '2024-11-01T01:00:00.000Z' }) startedAt!: string;
  @ApiProperty({ example: '2024-11-01T01:00:03.000Z' }) finishedAt!: string;
  /** what the pull from the market platform brought in this run */
  @ApiProperty({ type: () => ReconciliationPulledV1 }) pulled!: ReconciliationPulledV1;
  /** (presale permit, month) groups compared */
  @ApiProperty({ example: 120, description: '比对的（预售许可证, 月份）组数' }) comparedGroups!: number;
  @ApiProperty({ example: 10 }) newDifferences!: number;
  @ApiProperty({ example: 0 }) unchangedDifferences!: number;
  @ApiProperty({ example: 0 }) resolvedDifferences!: number;
  /** the differences this run found (new and unchanged) inside the caller's regions, at most 1000 */
  @ApiProperty({ type: () => [ReconciliationDifferenceV1], description: '本次发现的差异（本人区划内，最多 1000 条）' })
  differences!: ReconciliationDifferenceV1[];
  @ApiProperty({ example: false }) differencesTruncated!: boolean;
}

/** Request of rpc.contracts.reconciliation.list.v1; without state: OPEN and ACKNOWLEDGED. */
export interface ReconciliationListRequestV1 {
  state?: ReconciliationDifferenceStateV1;
  /** a region inside the caller's (city code covers its counties) */
  regionCode?: string;
  page: number;
  pageSize: number;
  /** one of RECONCILIATION_SORT's values; absent: found descending */
  sort?: string;
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

export class SigningStatisticPageV1 implements PageV1<SigningStatisticV1> {
  @ApiProperty({ type: () => [SigningStatisticV1] }) items!: SigningStatisticV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class ReconciliationDifferencePageV1 implements PageV1<ReconciliationDifferenceV1> {
  @ApiProperty({ type: () => [ReconciliationDifferenceV1] }) items!: ReconciliationDifferenceV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 3 }) total!: number;
}

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
