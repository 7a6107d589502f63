import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { chinaToday, isIsoDate, WORKS_CATEGORIES } from '@hn/numbering';
import {
  APPLICANT_ACTIONS,
  ApplicantAction,
  ApplicantActionRequestV1,
  ApplicationIdBody,
  APPLICATION_STATES,
  ApplicationListRequestV1,
  ApplicationState,
  ApplicationTransitionRequestV1,
  APPROVAL_CATEGORIES,
  APPROVAL_STAGES,
  ApprovalProjectRegistrationV1,
  ApprovalStage,
  CapitalGuaranteeV1,
  FundSupervisionV1,
  PartyV1,
  PermitApplicationSubmissionV1,
  STAFF_ACTIONS,
  STAFF_PAUSE_KINDS,
  CorrectableFormV1,
  CORRECTABLE_FIELDS,
  StaffAction,
} from './approval';
import { MAX_AMOUNT_FEN } from './contract-filing-rules';
import { ESCROW_ACCOUNT_PATTERN } from './escrow-record.message';
import { PROJECT_TYPES, ProjectType } from './permits';
import { textCharacterProblem } from './plain-text';
import { MAX_PERMIT_UNITS, PERMIT_PROJECT_CODE, PermitUnit } from './permit-upsert.message';
import { FieldRule } from './validation/field-rule';
import { isScanRef, ScanRefV1 } from './scans';
import { PauseNoticeInput } from './approval-pause.message';
import {
  EachItem,
  IsCreditCode,
  REQUIRED_MESSAGE,
  RequiredObject,
  RequiredText,
} from './validation/submission-constraints';

/**
 * 施工许可审批 request bodies as message classes: the gateway validates HTTP bodies with them (422
 * INCOMPLETE_SUBMISSION listing every field at once; OpenAPI generated from them) and the permits
 * service validates the RPC payload with them again. Rules needing data (the project's type, the
 * case's stage, who reviewed before) stay in the service.
 */

const REQUIRED = '必填 (required)';
const oneOf = (values: readonly string[]): string => `须为 ${values.join(' | ')} 之一 (one of ${values.join(', ')})`;

function enumReason(values: readonly string[], required = true) {
  return (v: unknown): string | null => {
    if (v === undefined || v === null) return required ? REQUIRED : null;
    return values.includes(v as string) ? null : oneOf(values);
  };
}

function isoDateReason(v: unknown): string | null {
  if (v === undefined || v === null) return REQUIRED;
  return typeof v === 'string' && isIsoDate(v)
    ? null
    : '须为 YYYY-MM-DD 格式的真实日期 (must be a real YYYY-MM-DD date)';
}

function regionCodeReason(v: unknown): string | null {
  if (v === undefined || v === null) return REQUIRED;
  return typeof v === 'string' && /^43\d{4}$/.test(v) && !v.endsWith('0000')
    ? null
    : '须为 6 位湖南省市州或县市区区划代码 (6-digit Hunan prefecture or county code)';
}

const fen = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v > 0 && v <= MAX_AMOUNT_FEN;

export class PartyInput implements PartyV1 {
  @ApiProperty({ example: '攸县锦绣置业有限公司', maxLength: 100 })
  @RequiredText(100)
  name!: string;

  @ApiProperty({ example: '91430223MA4Q0ABC1F', description: '统一社会信用代码（GB 32100 校验位）' })
  @IsDefined(REQUIRED_MESSAGE)
  @IsCreditCode()
  creditCode!: string;
}

/** Body of POST /api/v1/approval/projects (工改系统报建：项目类型选择). */
export class ApprovalProjectRegistration implements ApprovalProjectRegistrationV1 {
  @ApiProperty({ example: '2024-430223-70-03-012345', description: '工改项目编码' })
  @FieldRule('projectCode', (v, o) => {
    if (v === undefined || v === null) return REQUIRED;
    if (typeof v !== 'string' || !PERMIT_PROJECT_CODE.test(v))
      return '工改项目编码格式为 YYYY-43XXXX-NN-NN-NNNNNN (approval project code)';
    // compared only with a valid regionCode: an invalid one is reported on its own field
    return regionCodeReason(o['regionCode']) === null && v.slice(5, 11) !== o['regionCode']
      ? `项目编码中的区划 ${v.slice(5, 11)} 与 regionCode 不一致 (region in the code differs from regionCode)`
      : null;
  })
  projectCode!: string;

  @ApiProperty({ example: '锦绣星城三期', maxLength: 200 })
  @RequiredText(200)
  projectName!: string;

  @ApiProperty({ example: '430223' })
  @FieldRule('regionCode', regionCodeReason)
  regionCode!: string;

  @ApiProperty({ example: '社会投资房建类', enum: APPROVAL_CATEGORIES })
  @FieldRule('category', enumReason(APPROVAL_CATEGORIES))
  category!: string;

  @ApiProperty({ type: () => PartyInput, description: '建设单位（开发企业）' })
  @RequiredObject(() => PartyInput)
  developer!: PartyInput;

  @ApiProperty({ enum: PROJECT_TYPES, example: 'PRESALE', description: '预售商品房 / 现售商品房 / 其它' })
  @FieldRule('projectType', enumReason(PROJECT_TYPES))
  projectType!: ProjectType;
}

/** applies=true needs amountFen or the 承诺函 scan (a RESUBMIT's correction alone cannot know a kept letter). */
export const AMOUNT_OR_LETTER =
  '实行项目资本保证金须填写总额或上传承诺函扫描件 (amountFen or a commitmentLetter scan required)';

export class CapitalGuaranteeInput implements CapitalGuaranteeV1 {
  @ApiProperty({ example: true, description: '是否实行项目资本保证金' })
  @IsDefined(REQUIRED_MESSAGE)
  @IsBoolean({ message: '须为 true 或 false (boolean)' })
  applies!: boolean;

  @ApiProperty({ example: 1_500_000_000, nullable: true, type: Number, description: '项目资本保证金总额（分）' })
  @FieldRule('amountFen', (v, o) => {
    if (v === null || v === undefined) {
      const letter = o['commitmentLetter'];
      return o['applies'] === true && (letter === undefined || letter === null) ? AMOUNT_OR_LETTER : null;
    }
    if (o['applies'] === false) return '未实行项目资本保证金时总额须为 null (must be null when not applied)';
    return fen(v) ? null : `须为 1–${MAX_AMOUNT_FEN} 的整数（分）(positive integer in fen)`;
  })
  amountFen!: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    readOnly: true,
    description:
      '项目资本保证金承诺函：以 multipart/form-data 申报，scan 部分即承诺函扫描件（PDF/JPEG/PNG ≤ 20 MB），网关暂存后在此放入其引用；JSON 申报不填 (set by the gateway from the multipart scan part)',
  })
  @FieldRule('commitmentLetter', (v, o) => {
    if (v === null || v === undefined) return null;
    if (o['applies'] !== true) return '未实行项目资本保证金时不上传承诺函 (only when applies is true)';
    return isScanRef(v) ? null : '承诺函扫描件引用无效 (invalid scan reference)';
  })
  commitmentLetter?: ScanRefV1 | null;
}

export class FundSupervisionInput implements FundSupervisionV1 {
  @ApiProperty({ example: true, description: '是否计划实行预售资金监管' })
  @IsDefined(REQUIRED_MESSAGE)
  @IsBoolean({ message: '须为 true 或 false (boolean)' })
  planned!: boolean;

  @ApiProperty({ example: '中国建设银行攸县支行', nullable: true, type: String, maxLength: 100 })
  @FieldRule('bank', (v, o) => {
    if (v === null || v === undefined) return null;
    if (o['planned'] === false) return '未计划资金监管时监管银行须为 null (must be null when not planned)';
    if (typeof v !== 'string' || v.trim().length === 0 || v.length > 100)
      return '监管银行 1–100 字 (1..100 characters)';
    return textCharacterProblem(v);
  })
  bank!: string | null;

  @ApiProperty({ example: '43050162360000000123', nullable: true, type: String, description: '监管账号' })
  @FieldRule('account', (v, o) => {
    if (v === null || v === undefined) return null;
    if (o['planned'] === false) return '未计划资金监管时监管账号须为 null (must be null when not planned)';
    return typeof v === 'string' && ESCROW_ACCOUNT_PATTERN.test(v)
      ? null
      : '监管账号须为 4–40 位数字，可含单个连字符 (bank account: digits, single dashes)';
  })
  account!: string | null;
}

/** A nullable nested object: absent or null passes, else validated by its class. */
function NullableObject(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_o: unknown, v: unknown) => v !== undefined && v !== null),
    IsObject({ message: '须为对象或 null (object or null)' }),
    ValidateNested(),
    Type(type),
  );
}

/** Body of POST /api/v1/approval/permit-applications (施工许可申报). */
export class PermitApplicationSubmission implements PermitApplicationSubmissionV1 {
  @ApiProperty({ example: '2024-430223-70-03-012345', description: '已报建的工改项目编码' })
  @FieldRule('projectCode', (v) =>
    v === undefined || v === null
      ? REQUIRED
      : typeof v === 'string' && PERMIT_PROJECT_CODE.test(v)
        ? null
        : '工改项目编码格式为 YYYY-43XXXX-NN-NN-NNNNNN (approval project code)',
  )
  projectCode!: string;

  @ApiPropertyOptional({ example: '01', enum: Object.keys(WORKS_CATEGORIES), description: '工程类别代码，缺省 01' })
  @FieldRule('worksCategoryCode', enumReason(Object.keys(WORKS_CATEGORIES), false))
  worksCategoryCode?: string;

  @ApiProperty({ type: () => [PermitUnit], minItems: 1, maxItems: MAX_PERMIT_UNITS, description: '单体' })
  @IsDefined(REQUIRED_MESSAGE)
  @IsArray({ message: '须为数组 (array)' })
  @ArrayMinSize(1, { message: '至少一个单体 (at least one unit)' })
  @ArrayMaxSize(MAX_PERMIT_UNITS, { message: `最多 ${MAX_PERMIT_UNITS} 个单体 (at most ${MAX_PERMIT_UNITS})` })
  @EachItem('uniqueUnitCodes', (item, index, all) => {
    const code = (item as { unitCode?: unknown } | null)?.unitCode;
    return all.findIndex((x) => (x as { unitCode?: unknown } | null)?.unitCode === code) !== index
      ? `重复的单体编码 ${String(code)} (duplicate unit code)`
      : null;
  })
  @ValidateNested({ each: true })
  @Type(() => PermitUnit)
  units!: PermitUnit[];

  @ApiProperty({ type: () => PartyInput, description: '建设单位' })
  @RequiredObject(() => PartyInput)
  constructionUnit!: PartyInput;

  @ApiProperty({ type: () => PartyInput, description: '施工单位' })
  @RequiredObject(() => PartyInput)
  contractor!: PartyInput;

  @ApiProperty({ type: () => PartyInput, description: '监理单位' })
  @RequiredObject(() => PartyInput)
  supervisor!: PartyInput;

  @ApiProperty({ example: 35_000_000_000, description: '合同价格（分）' })
  @FieldRule('contractAmountFen', (v) =>
    v === undefined || v === null ? REQUIRED : fen(v) ? null : `须为 1–${MAX_AMOUNT_FEN} 的整数（分）(fen)`,
  )
  contractAmountFen!: number;

  @ApiProperty({ example: 45678.9, description: '建筑面积（m²，最多两位小数）' })
  @FieldRule('area', (v) => {
    if (v === undefined || v === null) return REQUIRED;
    return typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 10_000_000 && Math.round(v * 100) === v * 100
      ? null
      : '建筑面积须为 0–10000000 之间的数，最多两位小数 (m², at most 2 decimals)';
  })
  area!: number;

  @ApiProperty({ example: '2024-10-01', format: 'date', description: '计划开工日期' })
  @FieldRule('plannedStartDate', isoDateReason)
  plannedStartDate!: string;

  @ApiProperty({ example: '2026-12-31', format: 'date', description: '计划竣工日期（不早于开工日期，不早于今天）' })
  @FieldRule('plannedCompletionDate', (v, o) => {
    const basic = isoDateReason(v);
    if (basic) return basic;
    const start = o['plannedStartDate'];
    if (typeof start === 'string' && isIsoDate(start) && start > (v as string))
      return '计划竣工日期不得早于计划开工日期 (before the planned start date)';
    const today = chinaToday();
    return (v as string) < today ? `计划竣工日期不得早于今天 ${today} (in the past)` : null;
  })
  plannedCompletionDate!: string;

  @ApiPropertyOptional({
    type: () => CapitalGuaranteeInput,
    nullable: true,
    description: '预售商品房项目必填：是否实行项目资本保证金及总额',
  })
  @NullableObject(() => CapitalGuaranteeInput)
  capitalGuarantee?: CapitalGuaranteeInput | null;

  @ApiPropertyOptional({
    type: () => FundSupervisionInput,
    nullable: true,
    description: '预售商品房项目必填：是否计划实行预售资金监管、监管银行、监管账号',
  })
  @NullableObject(() => FundSupervisionInput)
  fundSupervision?: FundSupervisionInput | null;
}

/** The id of a permit application (the path's `{id}`): a UUID. */
export function ApplicationIdProperty(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ example: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b', description: '申请编号 application id' }),
    IsDefined(REQUIRED_MESSAGE),
    IsUUID('all', { message: '须为申请编号 UUID (application id)' }),
  );
}

/** Body of a read of one application (status for the applicant, detail for staff): 422 on both paths. */
export class ApplicationIdRequest implements ApplicationIdBody {
  @ApplicationIdProperty()
  applicationId!: string;
}

/** Body of POST /api/v1/supervision/permit-applications/{id}/transitions (审查办理). */
export class ApplicationTransitionRequest implements ApplicationTransitionRequestV1 {
  @ApplicationIdProperty()
  applicationId!: string;

  @ApiProperty({
    enum: STAFF_ACTIONS,
    // with the examples of items, reasonCode and notice this is a valid body (PAUSE takes them all)
    example: 'PAUSE',
    description: '通过 / 退回补正 / 不予许可 / 暂停计时（勘验、专家评审、听证）/ 恢复计时',
  })
  @FieldRule('action', enumReason(STAFF_ACTIONS))
  action!: StaffAction;

  @ApiProperty({ example: '材料齐全，予以受理', maxLength: 500, description: '审查意见' })
  @RequiredText(500)
  opinion!: string;

  @ApiPropertyOptional({ example: ['补充施工合同扫描件'], type: [String], description: '补正事项（退回补正时必填）' })
  @FieldRule('items', (v, o) => {
    if (v === undefined || v === null)
      return o['action'] === 'RETURN_FOR_CORRECTION' ? '退回补正须列出补正事项 (items required)' : null;
    if (!Array.isArray(v) || v.length < 1 || v.length > 50) return '补正事项须为 1–50 项的数组 (1..50 items)';
    const bad = v.findIndex(
      (i) => typeof i !== 'string' || i.trim().length === 0 || i.length > 200 || textCharacterProblem(i),
    );
    return bad >= 0 ? `第 ${bad + 1} 项须为 1–200 字的文字 (item ${bad}: 1..200 characters)` : null;
  })
  items?: string[];

  @ApiPropertyOptional({ example: 'CONDITIONS_NOT_MET', description: '不予许可原因代码（不予许可时必填）' })
  @FieldRule('reasonCode', (v, o) => {
    if (v === undefined || v === null)
      return o['action'] === 'REJECT' ? '不予许可须有原因代码 (reasonCode required)' : null;
    return typeof v === 'string' && /^[A-Z][A-Z0-9_]{1,39}$/.test(v)
      ? null
      : '原因代码为大写字母、数字、下划线 (A-Z0-9_)';
  })
  reasonCode?: string;

  @ApiPropertyOptional({
    type: () => PauseNoticeInput,
    description: '书面告知：PAUSE 必填（含 kind）；RETURN_FOR_CORRECTION 可填文号（kind 不填）',
  })
  @FieldRule('notice', (v, o) => {
    // an invalid action is reported on its own field
    if (!(STAFF_ACTIONS as readonly unknown[]).includes(o['action'])) return null;
    if (v === undefined || v === null)
      return o['action'] === 'PAUSE' ? '暂停计时须有书面告知 (notice required for PAUSE)' : null;
    if (typeof v !== 'object' || Array.isArray(v)) return '须为对象 (object)';
    if (o['action'] !== 'PAUSE' && o['action'] !== 'RETURN_FOR_CORRECTION')
      return '仅暂停计时或退回补正时填写 (PAUSE or RETURN_FOR_CORRECTION only)';
    const kind = (v as { kind?: unknown }).kind;
    if (o['action'] === 'PAUSE' && (kind === undefined || kind === null))
      return `暂停计时须写明 kind：${STAFF_PAUSE_KINDS.join(' | ')} (notice.kind required)`;
    if (o['action'] === 'RETURN_FOR_CORRECTION' && kind !== undefined && kind !== null)
      return '退回补正的暂停类型即为补正，不填 kind (no kind for RETURN_FOR_CORRECTION)';
    return null;
  })
  @ValidateIf((o: { action?: unknown }, v: unknown) => (v !== undefined && v !== null) || o.action === 'PAUSE')
  @ValidateNested()
  @Type(() => PauseNoticeInput)
  notice?: PauseNoticeInput;

  @ApiPropertyOptional({
    enum: PROJECT_TYPES,
    nullable: true,
    // null: the documented body (action PAUSE) must stay valid; at 受理 a PASS sends e.g. 'PRESALE'
    example: null,
    description:
      '受理环节通过（PASS）时必填，如 PRESALE：审查人员确认的项目类型，须与报建类型一致（不一致 409 PROJECT_TYPE_MISMATCH，应退回补正）；其它办理不填 (required on PASS at ACCEPTANCE)',
  })
  @FieldRule('confirmedProjectType', (v, o) => {
    if (v === undefined || v === null) return null; // required at 受理 only: the service knows the stage
    if (o['action'] !== 'PASS') return '仅受理环节通过时填写 (PASS at ACCEPTANCE only)';
    return enumReason(PROJECT_TYPES)(v);
  })
  confirmedProjectType?: ProjectType;
}

/** Body of POST /api/v1/approval/permit-applications/{id}/actions (补正后重新提交 / 撤回). */
export class ApplicantActionRequest implements ApplicantActionRequestV1 {
  @ApplicationIdProperty()
  applicationId!: string;

  @ApiProperty({ enum: APPLICANT_ACTIONS, example: 'RESUBMIT', description: '补正后重新提交 / 撤回申请' })
  @FieldRule('action', enumReason(APPLICANT_ACTIONS))
  action!: ApplicantAction;

  @ApiProperty({ example: '已补充施工合同扫描件', maxLength: 500 })
  @RequiredText(500)
  opinion!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { capitalGuarantee: { applies: true, amountFen: 1_500_000_000 } },
    description:
      '仅 RESUBMIT：更正的表单字段（除 projectCode 外的申报字段），与原表单合并后按申报的同一规则校验，办理记录列出改动',
  })
  @FieldRule('corrections', (v, o) => {
    if (v === undefined || v === null || !(APPLICANT_ACTIONS as readonly unknown[]).includes(o['action'])) return null;
    if (o['action'] !== 'RESUBMIT') return '仅补正后重新提交时填写 (RESUBMIT only)';
    if (typeof v !== 'object' || Array.isArray(v)) return '须为对象 (object)';
    const keys = Object.keys(v);
    if (keys.length === 0) return '至少更正一个字段 (at least one field)';
    const unknown = keys.filter((k) => !(CORRECTABLE_FIELDS as readonly string[]).includes(k));
    return unknown.length > 0
      ? `不可更正的字段 ${unknown.join(', ')}；可更正：${CORRECTABLE_FIELDS.join(', ')} (not correctable)`
      : null;
  })
  corrections?: CorrectableFormV1;

  @ApiPropertyOptional({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    readOnly: true,
    description:
      '仅 RESUBMIT：新的项目资本保证金承诺函。以 multipart/form-data 提交，scan 部分即承诺函扫描件（PDF/JPEG/PNG ≤ 20 MB），网关暂存后在此放入其引用；JSON 请求不填 (set by the gateway from the multipart scan part)',
  })
  @FieldRule('commitmentLetter', (v, o) => {
    if (v === undefined || v === null || !(APPLICANT_ACTIONS as readonly unknown[]).includes(o['action'])) return null;
    if (o['action'] !== 'RESUBMIT') return '仅补正后重新提交（RESUBMIT）时上传承诺函 (RESUBMIT only)';
    if (!isScanRef(v)) return '承诺函扫描件引用无效 (invalid scan reference)';
    return correctedApplies(o['corrections']) === false
      ? '更正为不实行项目资本保证金（applies=false）时不上传承诺函 (only when capitalGuarantee.applies is true)'
      : null;
  })
  commitmentLetter?: ScanRefV1 | null;
}

/** `applies` of a RESUBMIT's corrected capital guarantee, when the correction names it. */
function correctedApplies(corrections: unknown): unknown {
  const g = (corrections as { capitalGuarantee?: unknown } | null | undefined)?.capitalGuarantee;
  return g && typeof g === 'object' ? (g as { applies?: unknown }).applies : undefined;
}

/** Query of GET /api/v1/supervision/permit-applications. */
export class ApplicationListRequest implements ApplicationListRequestV1 {
  @ApiPropertyOptional({ enum: APPLICATION_STATES })
  @FieldRule('state', enumReason(APPLICATION_STATES, false))
  state?: ApplicationState;

  @ApiPropertyOptional({ enum: APPROVAL_STAGES })
  @FieldRule('stage', enumReason(APPROVAL_STAGES, false))
  stage?: ApprovalStage;

  @ApiPropertyOptional({ example: '430223' })
  @IsOptional()
  @FieldRule('regionCode', regionCodeReason)
  regionCode?: string;

  @ApiPropertyOptional({
    type: Boolean,
    example: true,
    description: 'true：当前环节或全流程已红灯（超承诺时限）；false：未红灯',
  })
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @FieldRule('overdue', (v) =>
    v === undefined || v === null || typeof v === 'boolean' ? null : '须为 true 或 false (boolean)',
  )
  overdue?: boolean;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 10_000 })
  @Type(() => Number)
  @IsInt({ message: 'page 须为 1–10000 的整数 (integer)' })
  @Min(1, { message: 'page 须为 1–10000 的整数 (integer)' })
  @Max(10_000, { message: 'page 须为 1–10000 的整数 (integer)' })
  page: number = 1;

  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 100 })
  @Type(() => Number)
  @IsInt({ message: 'pageSize 须为 1–100 的整数 (integer)' })
  @Min(1, { message: 'pageSize 须为 1–100 的整数 (integer)' })
  @Max(100, { message: 'pageSize 须为 1–100 的整数 (integer)' })
  pageSize: number = 20;
}
