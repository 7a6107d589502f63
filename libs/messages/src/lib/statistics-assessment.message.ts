import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Allow, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ListPageProperty, ListPageSizeProperty } from './validation/page-query';
import { IsPlainText } from './plain-text';
import { isScanRef, SCAN_CONTENT_TYPES, ScanContentTypeV1, ScanRefV1 } from './scans';
import {
  APPEAL_SCANS_MAX,
  AppealEvidenceScanV1,
  AssessmentAppealDecisionRequestV1,
  AssessmentAppealListRequestV1,
  AssessmentAppealPageV1,
  AssessmentAppealScanRequestV1,
  AssessmentAppealStateV1,
  AssessmentAppealSubmitRequestV1,
  AssessmentAppealV1,
  AssessmentDeductionV1,
  AssessmentItemKindV1,
  AssessmentItemV1,
  AssessmentLevelV1,
  AssessmentRegionV1,
  StatisticsAssessmentRequestV1,
  StatisticsAssessmentV1,
} from './statistics-assessment';
import { statisticsDateReason, statisticsRegionReason } from './statistics.message';
import { FieldRule } from './validation/field-rule';
import { RecordId } from './validation/record-id';
import { RequiredText } from './validation/submission-constraints';

/**
 * 营商环境考核 payloads and replies as message classes (the gateway validates the query and bodies with
 * them, the alerts service validates the RPC payload again; OpenAPI is generated from them).
 */

export const ASSESSMENT_APPEAL_STATES: readonly AssessmentAppealStateV1[] = ['PENDING', 'UPHELD', 'REJECTED'];
export const ASSESSMENT_APPEAL_DECISIONS = ['UPHELD', 'REJECTED'] as const;
export const ASSESSMENT_TEXT_MAX = 1000;

const blankToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value;
const oneOf = (values: readonly string[]): { message: string } => ({
  message: `须为 ${values.join(' / ')} 之一 (one of ${values.join(', ')})`,
});

const RegionCode = (): PropertyDecorator => FieldRule('statisticsRegionCode', statisticsRegionReason);
const REGION_DOC = {
  example: '430200',
  description:
    '区划代码（现行）：430000 全省（列出各市州）、市州（列出所辖县市区）或县市区（只列本县）；须在本人或本凭据的区划内',
};

/** Query of GET /api/v1/statistics/assessment. */
export class StatisticsAssessmentQuery implements StatisticsAssessmentRequestV1 {
  @ApiProperty(REGION_DOC)
  @Transform(blankToUndefined)
  @RegionCode()
  regionCode!: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    format: 'date',
    description: '考核截止日（北京时间当日结束时已登记的记录），2015-01-01 至今天；不填为今天',
  })
  @Transform(blankToUndefined)
  @FieldRule('statisticsAsOf', (v) => (v === undefined ? null : statisticsDateReason(v)))
  asOf?: string;
}

/** Body of POST /api/v1/statistics/assessment/appeals. */
export class AssessmentAppealInput implements AssessmentAppealSubmitRequestV1 {
  @ApiProperty({ example: '430223', description: '被扣分的县市区代码（须在本人区划内）' })
  @Transform(blankToUndefined)
  @RegionCode()
  regionCode!: string;

  @ApiProperty({ example: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT', description: '扣分规则编号' })
  @Transform(blankToUndefined)
  @IsString({ message: '须为字符串 (must be a string)' })
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: '规则编号格式不正确 (rule id: A-Z, 0-9, _)' })
  ruleId!: string;

  @ApiProperty({ example: '2024-430223-01-03-000001', description: '被扣分的记录编号（考核结果 items[].id）' })
  @RequiredText(100)
  itemId!: string;

  @ApiProperty({ example: '该项目已于 2024-07-01 取得预售许可，补录材料已报市局', description: '申诉理由' })
  @RequiredText(ASSESSMENT_TEXT_MAX)
  reason!: string;

  @ApiPropertyOptional({
    example: '攸住建函〔2024〕12号（已随文报送）',
    description: '证明材料（文号、扫描件编号或说明），可不填',
  })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsString({ message: '须为字符串 (must be a string)' })
  @MaxLength(500, { message: '最长 500 字 (at most 500 characters)' })
  @IsPlainText()
  evidence?: string;
}

/**
 * Body of rpc.alerts.statistics.assessment.appeal.submit.v1: the appeal (the JSON body, or the `data` part
 * of a multipart upload) with the evidence scans the gateway staged from the upload's `scan` part. The
 * gateway's own check is AssessmentAppealInput, so a client can never name a staged object itself; the
 * alerts service takes each scan from the staging store and checks its bytes again (422 SCAN_UNAVAILABLE).
 */
export class AssessmentAppealSubmission extends AssessmentAppealInput implements AssessmentAppealSubmitRequestV1 {
  @ApiPropertyOptional({ description: `暂存的证明材料扫描件（最多 ${APPEAL_SCANS_MAX} 份）staged evidence scans` })
  @IsOptional()
  @Allow()
  @FieldRule('appealScans', (v) =>
    !Array.isArray(v)
      ? '须为数组 (must be an array)'
      : v.length > APPEAL_SCANS_MAX
        ? `最多 ${APPEAL_SCANS_MAX} 份扫描件 (at most ${APPEAL_SCANS_MAX} scans)`
        : v.every(isScanRef)
          ? null
          : '扫描件引用无效 (invalid scan reference)',
  )
  scans?: ScanRefV1[];
}

/** Body of rpc.alerts.statistics.assessment.appeal.scan.v1 (the path's appeal id and position). */
export class AssessmentAppealScanRequest implements AssessmentAppealScanRequestV1 {
  @ApiProperty({ format: 'uuid', example: '6a1f0a52-1f7c-4d8e-9d2a-3b4c5d6e7f80' })
  @RecordId('申诉编号须为 UUID (UUID)')
  appealId!: string;

  @ApiProperty({ example: 1, minimum: 1, maximum: APPEAL_SCANS_MAX, description: '扫描件序号（提交顺序，自 1 起）' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value,
  )
  @IsInt({ message: `扫描件序号须为 1–${APPEAL_SCANS_MAX} 的整数 (integer 1–${APPEAL_SCANS_MAX})` })
  @Min(1, { message: `扫描件序号须为 1–${APPEAL_SCANS_MAX} 的整数 (integer 1–${APPEAL_SCANS_MAX})` })
  @Max(APPEAL_SCANS_MAX, { message: `扫描件序号须为 1–${APPEAL_SCANS_MAX} 的整数 (integer 1–${APPEAL_SCANS_MAX})` })
  position!: number;
}

/** Query of GET /api/v1/statistics/assessment/appeals. */
export class AssessmentAppealListQuery implements AssessmentAppealListRequestV1 {
  @ApiProperty(REGION_DOC)
  @Transform(blankToUndefined)
  @RegionCode()
  regionCode!: string;

  @ApiPropertyOptional({ enum: ASSESSMENT_APPEAL_STATES, description: '状态：待审核、申诉成立、申诉驳回' })
  @Transform(blankToUndefined)
  @IsOptional()
  @IsIn(ASSESSMENT_APPEAL_STATES, oneOf(ASSESSMENT_APPEAL_STATES))
  state?: AssessmentAppealStateV1;

  @ListPageProperty()
  page: number = 1;

  @ListPageSizeProperty()
  pageSize: number = 20;
}

/** Body of POST /api/v1/statistics/assessment/appeals/{id}/decision (province). */
export class AssessmentAppealDecisionInput {
  @ApiProperty({ enum: ASSESSMENT_APPEAL_DECISIONS, description: 'UPHELD 申诉成立（撤销该项扣分）/ REJECTED 驳回' })
  @Transform(blankToUndefined)
  @IsIn(ASSESSMENT_APPEAL_DECISIONS, oneOf(ASSESSMENT_APPEAL_DECISIONS))
  decision!: 'UPHELD' | 'REJECTED';

  @ApiProperty({ example: '经核实，该项目预售许可证已补录，扣分撤销', description: '审核意见' })
  @RequiredText(ASSESSMENT_TEXT_MAX)
  opinion!: string;
}

/** Body of rpc.alerts.statistics.assessment.appeal.decide.v1: the appeal of the path with the decision body. */
export class AssessmentAppealDecisionRequest
  extends AssessmentAppealDecisionInput
  implements AssessmentAppealDecisionRequestV1
{
  @ApiProperty({ format: 'uuid', example: '6a1f0a52-1f7c-4d8e-9d2a-3b4c5d6e7f80' })
  @RecordId('申诉编号须为 UUID (UUID)')
  appealId!: string;
}

// ---- replies ----

const ITEM_KINDS: AssessmentItemKindV1[] = [
  'CONSTRUCTION_PERMIT',
  'PROJECT',
  'PRESALE_PERMIT',
  'ALERT',
  'ACCEPTANCE_BACKFILL',
];

export class AssessmentItem implements AssessmentItemV1 {
  @ApiProperty({ enum: ITEM_KINDS, example: 'PROJECT', description: '记录类别' })
  kind!: AssessmentItemKindV1;
  @ApiProperty({ example: '2024-430223-01-03-000001', description: '记录编号（申诉时的 itemId）' })
  id!: string;
  @ApiProperty({ example: null, nullable: true, type: 'string', description: '相关编号（补录的施工许可证等）' })
  number!: string | null;
  @ApiProperty({ example: '2024-430223-01-03-000001', nullable: true, type: 'string', description: '项目代码' })
  projectCode!: string | null;
  @ApiProperty({ example: '攸县锦绣华府', description: '项目名称' })
  projectName!: string;
  @ApiProperty({ example: '430223', description: '记录上的区划代码' })
  regionCode!: string;
  @ApiProperty({
    example: '2024-06-20',
    nullable: true,
    type: 'string',
    description: '计入的日期（发证、预警、决定日期）',
  })
  date!: string | null;
  @ApiProperty({
    example:
      '/api/v1/statistics/projects?regionCode=430223&figure=presale.presaleProjectsWithoutPresalePermit&asOf=2026-11-30',
    description: '记录的接口地址（GET）',
  })
  link!: string;
}

export class AssessmentDeduction implements AssessmentDeductionV1 {
  @ApiProperty({ example: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT', description: '规则编号' })
  ruleId!: string;
  @ApiProperty({ example: '已标记为预售商品房但未补录预售许可证的项目', description: '规则说明' })
  description!: string;
  @ApiProperty({ example: 1, description: '每项扣分' })
  pointsPerItem!: number;
  @ApiProperty({ example: 10, description: '本规则对一个县市区的扣分上限' })
  cap!: number;
  @ApiProperty({ example: 2, description: '扣分（已按上限；市州为所辖县市区与市本级之和）' })
  points!: number;
  @ApiProperty({ example: 2, type: 'integer', description: '扣分项数' })
  count!: number;
  @ApiProperty({ type: [AssessmentItem], description: '每一扣分项及其记录' })
  items!: AssessmentItem[];
}

export class AssessmentRegion implements AssessmentRegionV1 {
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '攸县' }) regionName!: string;
  @ApiProperty({ enum: ['CITY', 'COUNTY'], example: 'COUNTY' }) level!: AssessmentLevelV1;
  @ApiProperty({
    example: 97.5,
    description: '得分：县市区 100 减扣分（不低于 0）；市州为所辖县市区得分的平均数减市本级扣分',
  })
  score!: number;
  @ApiProperty({ example: 2.5, description: '本级扣分（市州：仅市本级记录）' })
  deductionPoints!: number;
  @ApiProperty({ type: [AssessmentDeduction], description: '按规则的扣分' })
  deductions!: AssessmentDeduction[];
  @ApiProperty({
    example: true,
    description:
      '是否列出扣分项明细 items：全省查询时各市州只给扣分与项数（items 为空），市州查询时扣分项合计超过 2,000 项则各县市区只给合计；' +
      '明细见 itemsLink (false: items left out to keep the reply small, see itemsLink)',
  })
  itemsIncluded!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/api/v1/statistics/assessment?regionCode=430200&asOf=2026-11-30',
    description: '该区划本身的考核（含扣分项明细）；已列出明细时为 null',
  })
  itemsLink!: string | null;
}

export class StatisticsAssessment implements StatisticsAssessmentV1 {
  @ApiProperty({ example: '2024.v1', description: '扣分规则版本' })
  rulesVersion!: string;
  @ApiProperty({ example: '2026-11-30', description: '考核截止日' })
  asOf!: string;
  @ApiProperty({ example: '430200' }) regionCode!: string;
  @ApiProperty({ example: '株洲市' }) regionName!: string;
  @ApiProperty({ type: [AssessmentRegion], description: '下级区划（全省：各市州；市州：各县市区；县市区：本县）' })
  regions!: AssessmentRegion[];
}

export class AppealEvidenceScan implements AppealEvidenceScanV1 {
  @ApiProperty({ example: 1, description: '序号（提交顺序）' }) position!: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256' })
  sha256!: string;
  @ApiProperty({ enum: SCAN_CONTENT_TYPES, example: 'application/pdf', description: '按内容判定的类型' })
  contentType!: ScanContentTypeV1;
  @ApiProperty({ example: 482113, description: '字节数 bytes' }) size!: number;
  @ApiProperty({ example: '攸住建函〔2024〕12号.pdf', description: '上传时的文件名（仅供显示）' }) fileName!: string;
  @ApiProperty({ example: '2026-11-30T02:00:00.000Z', format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({
    example: '/api/v1/statistics/assessment/appeals/6a1f0a52-1f7c-4d8e-9d2a-3b4c5d6e7f80/evidence-scans/1',
    description: '下载地址（GET）',
  })
  link!: string;
}

export class AssessmentAppeal implements AssessmentAppealV1 {
  @ApiProperty({ example: '6a1f0a52-1f7c-4d8e-9d2a-3b4c5d6e7f80' }) id!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '攸县' }) regionName!: string;
  @ApiProperty({ example: 'PRESALE_PROJECT_WITHOUT_PRESALE_PERMIT' }) ruleId!: string;
  @ApiProperty({ example: '2024-430223-01-03-000001' }) itemId!: string;
  @ApiProperty({ example: '该项目已于 2024-07-01 取得预售许可' }) reason!: string;
  @ApiProperty({ example: '攸住建函〔2024〕12号', nullable: true, type: 'string' }) evidence!: string | null;
  @ApiProperty({ type: [AppealEvidenceScan], description: '证明材料扫描件（可无）' })
  evidenceScans!: AppealEvidenceScan[];
  @ApiProperty({ enum: ASSESSMENT_APPEAL_STATES, example: 'PENDING' }) state!: AssessmentAppealStateV1;
  @ApiProperty({ example: 'youxian.staff' }) submittedBy!: string;
  @ApiProperty({ example: '2026-11-30T02:00:00.000Z' }) submittedAt!: string;
  @ApiProperty({ example: null, nullable: true, type: 'string' }) decidedBy!: string | null;
  @ApiProperty({ example: null, nullable: true, type: 'string' }) decidedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: 'string' }) opinion!: string | null;
}

export class AssessmentAppealPage implements AssessmentAppealPageV1 {
  @ApiProperty({ type: [AssessmentAppeal] }) items!: AssessmentAppeal[];
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
}
