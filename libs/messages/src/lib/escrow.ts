/**
 * 补录预售资金监管信息 (escrow service). Money in fen (integer). The replies are classes: the escrow
 * service returns them and the gateway's OpenAPI document is generated from their decorators.
 */
import { ApiProperty } from '@nestjs/swagger';
import { CorrectionReportV1, ScanRefV1, StoredScanV1, SUPERVISION_STATES, SupervisionStateV1 } from './scans';

/** The backfilled (Z) presale number the escrow examples name. */
export const ESCROW_PRESALE_NUMBER_EXAMPLE = '430223202306150101-Z01';

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

/** The current version of a presale permit's 资金监管信息, as the replies show it. */
export class EscrowRecordV1 implements EscrowRecordInputV1 {
  @ApiProperty({ example: ESCROW_PRESALE_NUMBER_EXAMPLE }) presaleNumber!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '锦绣星城一期' }) projectName!: string;
  @ApiProperty({
    example: null,
    nullable: true,
    type: Number,
    description: '资本保证金总额（分）；null 表示以承诺函替代',
  })
  capitalGuaranteeAmount!: number | null;
  @ApiProperty({ example: true }) commitmentLetter!: boolean;
  @ApiProperty({ example: true }) fundSupervision!: boolean;
  @ApiProperty({ example: '中国建设银行攸县支行', nullable: true, type: String }) bank!: string | null;
  @ApiProperty({ example: '43050162123400000123', nullable: true, type: String }) account!: string | null;
  @ApiProperty({ example: 8_765_432_100, description: '分 fen' }) balance!: number;
  @ApiProperty({ example: '2024-07-31', format: 'date' }) balanceAsOf!: string;
  @ApiProperty({
    example: 'DRAFT',
    enum: SUPERVISION_STATES,
    description: '草稿可修改、撤回；已提交即锁定（仅管理员凭书面报告更正）',
  })
  state!: SupervisionStateV1;
  @ApiProperty({ example: 2, description: '当前版本号（版本不复用，全部保留）' }) version!: number;
  @ApiProperty({ example: 'youxian.zhang' }) enteredBy!: string;
  @ApiProperty({ example: '2024-09-03T02:10:00.000Z', format: 'date-time', description: 'RFC 3339 UTC' })
  updatedAt!: string;
  @ApiProperty({ type: () => StoredScanV1, nullable: true, description: '承诺函扫描件 commitment letter scan' })
  commitmentLetterScan!: StoredScanV1 | null;
}

/** A backfilled presale permit of the caller's regions, with its escrow record if any. */
export class EscrowListItemV1 {
  @ApiProperty({ example: ESCROW_PRESALE_NUMBER_EXAMPLE }) presaleNumber!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '锦绣星城一期' }) projectName!: string;
  @ApiProperty({ example: '攸县锦绣置业有限公司' }) developerName!: string;
  @ApiProperty({ example: '2023-06-15', format: 'date' }) issueDate!: string;
  @ApiProperty({ type: () => EscrowRecordV1, nullable: true, description: '当前资金监管信息；尚未录入为 null' })
  record!: EscrowRecordV1 | null;
}

export interface EscrowListRequestV1 {
  regionCode?: string;
  /** NONE = no record yet */
  state?: SupervisionStateV1 | 'NONE';
  page: number;
  pageSize: number;
  /** one of ESCROW_LIST_SORT's values; absent: issue date descending */
  sort?: string;
}

export class EscrowPageV1 {
  @ApiProperty({ type: () => [EscrowListItemV1] }) items!: EscrowListItemV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export interface EscrowPutRequestV1 {
  presaleNumber: string;
  record: EscrowRecordInputV1;
}

export class EscrowPutResultV1 {
  @ApiProperty({
    example: 'created',
    enum: ['created', 'updated', 'unchanged'],
    description: '新建（201）/ 新版本（200）/ 与当前版本相同，未写新版本（200）',
  })
  outcome!: 'created' | 'updated' | 'unchanged';
  @ApiProperty({ type: () => EscrowRecordV1 }) record!: EscrowRecordV1;
}

export interface EscrowGetRequestV1 {
  presaleNumber: string;
}

/** The written report of an ADMIN correction, as a corrected version shows it. */
export class EscrowCorrectionInfoV1 {
  @ApiProperty({ example: '监管账号余额录入错误' }) reason!: string;
  @ApiProperty({ example: '湘建房函〔2024〕12号' }) documentNumber!: string;
  @ApiProperty({ type: () => StoredScanV1, description: '书面报告扫描件' }) reportScan!: StoredScanV1;
}

/** One version of a record (versions are never reused; withdrawn ones are kept). */
export class EscrowVersionV1 implements EscrowRecordInputV1 {
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: 150_000_000, nullable: true, type: Number }) capitalGuaranteeAmount!: number | null;
  @ApiProperty({ example: false }) commitmentLetter!: boolean;
  @ApiProperty({ example: true }) fundSupervision!: boolean;
  @ApiProperty({ example: '中国建设银行攸县支行', nullable: true, type: String }) bank!: string | null;
  @ApiProperty({ example: '43050162123400000123', nullable: true, type: String }) account!: string | null;
  @ApiProperty({ example: 8_765_432_100 }) balance!: number;
  @ApiProperty({ example: '2024-07-31', format: 'date' }) balanceAsOf!: string;
  @ApiProperty({ example: 'youxian.zhang' }) enteredBy!: string;
  @ApiProperty({ example: '2024-09-03T02:00:00.000Z', format: 'date-time' }) enteredAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time', description: '已撤回时间' })
  withdrawnAt!: string | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    format: 'date-time',
    description: '提交锁定（或管理员更正写入）时间 locked by a submit or written by a correction',
  })
  submittedAt!: string | null;
  @ApiProperty({ type: () => StoredScanV1, nullable: true, description: '该版本引用的承诺函扫描件' })
  commitmentLetterScan!: StoredScanV1 | null;
  @ApiProperty({
    type: () => EscrowCorrectionInfoV1,
    nullable: true,
    description: '管理员更正（书面报告）correction',
  })
  correction!: EscrowCorrectionInfoV1 | null;
}

export class EscrowVersionsV1 {
  @ApiProperty({ example: ESCROW_PRESALE_NUMBER_EXAMPLE }) presaleNumber!: string;
  @ApiProperty({
    type: () => [EscrowVersionV1],
    description: '全部版本，含已撤回的 every version, withdrawn ones included',
  })
  versions!: EscrowVersionV1[];
}

export interface EscrowCommitmentLetterRequestV1 {
  presaleNumber: string;
  scan: ScanRefV1;
}

/** POST /api/v1/supervision/escrow/withdraw {"presaleNumber"}: the caller's last unsubmitted version goes. */
export interface EscrowWithdrawRequestV1 {
  presaleNumber: string;
}

export class EscrowWithdrawResultV1 {
  @ApiProperty({ example: ESCROW_PRESALE_NUMBER_EXAMPLE }) presaleNumber!: string;
  @ApiProperty({ example: 2 }) withdrawnVersion!: number;
  @ApiProperty({
    example: 'RESTORED',
    enum: ['RESTORED', 'REMOVED'],
    description: '恢复上一版本 / 无上一版本，记录删除',
  })
  outcome!: 'RESTORED' | 'REMOVED';
  @ApiProperty({ type: () => EscrowRecordV1, nullable: true, description: '撤回后的当前记录；已删除为 null' })
  record!: EscrowRecordV1 | null;
}

/** POST /api/v1/supervision/escrow/submit {"presaleNumbers"}: locks them, all or none. */
export interface EscrowSubmitRequestV1 {
  presaleNumbers: string[];
}

export class EscrowSubmitResultV1 {
  @ApiProperty({ type: () => [EscrowRecordV1] }) records!: EscrowRecordV1[];
}

/** POST /api/v1/supervision/escrow/{presaleNumber}/correction (ADMIN; multipart `data` + report `scan`). */
export interface EscrowCorrectionRequestV1 {
  presaleNumber: string;
  record: EscrowRecordInputV1;
  report: CorrectionReportV1;
}

export class EscrowCorrectionResultV1 {
  @ApiProperty({ type: () => EscrowRecordV1 }) record!: EscrowRecordV1;
  @ApiProperty({ example: 3, description: '被更正的版本（保留）the corrected version, kept' }) previousVersion!: number;
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
