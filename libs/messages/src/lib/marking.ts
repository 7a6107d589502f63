/**
 * 存量预售项目标记 (permits service): staff mark the projects of recent permits PRESALE / CURRENT_SALE / OTHER.
 * The replies are classes: the permits service returns them and the gateway's OpenAPI document is
 * generated from their decorators.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROJECT_TYPES, ProjectType } from './permits';
import { CorrectionReportV1, StoredScanV1, SUPERVISION_STATES, SupervisionStateV1 } from './scans';

const PROJECT_CODE_EXAMPLE = '2024-430223-70-03-012345';
const STEP_ID_EXAMPLE = '6b0f7c1e-3f57-4c8e-9d0a-2d1f0c9b8a71';

export type MarkingFilterTypeV1 = ProjectType | 'UNMARKED';

/** One permit of the marking list, with its project's type and marking state. */
export class MarkingRowV1 {
  @ApiProperty({ example: '430223202406200101', description: '施工许可证编号' }) permitNumber!: string;
  @ApiProperty({ example: PROJECT_CODE_EXAMPLE, description: '工改项目编码（项目唯一）' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  /** null while unmarked */
  @ApiProperty({
    enum: PROJECT_TYPES,
    nullable: true,
    example: 'PRESALE',
    description: '项目类型；草稿标记显示标记类型；null = 未标记',
  })
  projectType!: ProjectType | null;
  /** null while unmarked or typed at registration (not a marking) */
  @ApiProperty({
    enum: SUPERVISION_STATES,
    nullable: true,
    example: 'DRAFT',
    description: '标记状态：草稿可撤回；已提交即锁定；null = 未标记（或报建时已定类型）',
  })
  markingState!: SupervisionStateV1 | null;
  @ApiProperty({ example: 'youxian.zhang', nullable: true, type: String }) markedBy!: string | null;
  @ApiProperty({ example: '2024-06-20', format: 'date', description: '发证日期' }) issueDate!: string;
  @ApiProperty({ example: '2024-07-01', nullable: true, type: String, format: 'date', description: '开工时间' })
  startDate!: string | null;
  @ApiProperty({ example: '2026-12-31', nullable: true, type: String, format: 'date', description: '计划竣工时间' })
  plannedCompletionDate!: string | null;
  /** 是否竣工验收: a completion filing (竣工验收备案) is recorded */
  @ApiProperty({ example: false, description: '是否竣工验收（已竣工验收备案）' }) accepted!: boolean;
  /** 实际竣工时间: the completion filing date, else the five-party acceptance date, else null */
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    format: 'date',
    description: '实际竣工时间：竣工验收备案日期，否则五方责任主体验收日期',
  })
  actualCompletionDate!: string | null;
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
  /** one of MARKING_LIST_SORT's values; absent: project code descending, issue date descending */
  sort?: string;
}

export class MarkingPageV1 {
  @ApiProperty({ type: () => [MarkingRowV1] }) items!: MarkingRowV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  /** exact up to 10,000; beyond it 10,000 with totalIsLowerBound */
  @ApiProperty({ example: 1, description: '总数；超过 10000 时为 10000 且 totalIsLowerBound 为 true' })
  total!: number;
  @ApiPropertyOptional({ example: true, description: '总数仅为下限（超过 10000）total is a lower bound' })
  totalIsLowerBound?: boolean;
}

/** POST /api/v1/supervision/marking/batch: 1..1000 permit numbers, their projects get the type. */
export interface MarkingBatchRequestV1 {
  permitNumbers: string[];
  projectType: ProjectType;
}

export class MarkedProjectV1 {
  @ApiProperty({ example: PROJECT_CODE_EXAMPLE }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ enum: PROJECT_TYPES, nullable: true, example: null, description: '此前的类型' })
  previousType!: ProjectType | null;
  @ApiProperty({ enum: PROJECT_TYPES, example: 'PRESALE' }) projectType!: ProjectType;
  @ApiProperty({ enum: SUPERVISION_STATES, example: 'DRAFT' }) markingState!: SupervisionStateV1;
  @ApiProperty({ example: ['430223202406200101'], type: [String], description: '该项目的全部施工许可证' })
  permitNumbers!: string[];
}

export class MarkingBatchResultV1 {
  /** the step id that withdraw undoes; null when every project already had the requested type (no step) */
  @ApiProperty({
    example: STEP_ID_EXAMPLE,
    nullable: true,
    type: String,
    description: '本次标记操作（撤回的单位）；全部项目已是该类型时为 null',
  })
  stepId!: string | null;
  @ApiProperty({ type: () => [MarkedProjectV1] }) projects!: MarkedProjectV1[];
  /** projects whose type was already the requested one (no new step for them) */
  @ApiProperty({ example: [], type: [String], description: '已是该类型草稿、未变化的项目编码' }) unchanged!: string[];
}

/** POST /api/v1/supervision/marking/withdraw: undoes the caller's last unsubmitted step. */
export type MarkingWithdrawRequestV1 = Record<string, never>;

/** What a project's type went back to on a withdraw (superseded ones: their current type, unchanged). */
export class MarkingWithdrawnProjectV1 {
  @ApiProperty({ example: PROJECT_CODE_EXAMPLE }) projectCode!: string;
  @ApiProperty({ enum: PROJECT_TYPES, nullable: true, example: null, description: '撤回后的类型' })
  projectType!: ProjectType | null;
}

export class MarkingWithdrawResultV1 {
  @ApiProperty({ example: STEP_ID_EXAMPLE }) stepId!: string;
  /** the type the withdrawn step had set */
  @ApiProperty({ enum: PROJECT_TYPES, example: 'PRESALE', description: '被撤回的那一步标记的类型' })
  withdrawnType!: ProjectType;
  @ApiProperty({ type: () => [MarkingWithdrawnProjectV1] }) projects!: MarkingWithdrawnProjectV1[];
  /** projects another user marked again after this step: their later marking stays */
  @ApiProperty({ example: [], type: [String], description: '此后已被他人重新标记的项目：保留他人的标记' })
  superseded!: string[];
}

/** POST /api/v1/supervision/marking/submit {"permitNumbers"}: locks the marking of those projects. */
export interface MarkingSubmitRequestV1 {
  permitNumbers: string[];
}

export class MarkingSubmitResultV1 {
  @ApiProperty({ type: () => [MarkedProjectV1] }) projects!: MarkedProjectV1[];
}

/** POST /api/v1/supervision/marking/correction (ADMIN): change a submitted project's type. */
export interface MarkingCorrectionRequestV1 {
  projectCode: string;
  projectType: ProjectType;
  report: CorrectionReportV1;
}

/** The written report of a marking correction: its scan with the document number and reason. */
export class MarkingCorrectionReportV1 extends StoredScanV1 {
  @ApiProperty({ example: '攸住建函〔2024〕12号' }) documentNumber!: string;
  @ApiProperty({ example: '经核实该项目为企业自持，未办理预售' }) reason!: string;
}

export class MarkingCorrectionResultV1 {
  @ApiProperty({ type: () => MarkedProjectV1 }) project!: MarkedProjectV1;
  @ApiProperty({ enum: PROJECT_TYPES, nullable: true, example: 'PRESALE' }) previousType!: ProjectType | null;
  /** the stored correction record (the previous version is kept in it) */
  @ApiProperty({ example: '0d7c5e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6', description: '纠错记录（保留更正前版本）' })
  correctionId!: string;
  @ApiProperty({ example: '2024-09-10T03:00:00.000Z', format: 'date-time', description: 'RFC 3339 UTC' })
  correctedAt!: string;
  @ApiProperty({ type: () => MarkingCorrectionReportV1 }) report!: MarkingCorrectionReportV1;
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
