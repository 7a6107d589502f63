/**
 * 施工许可审批 (construction-permit approval workflow, work plan task 1 and 4(1)), owned by the permits
 * service: stages, actions, states, the RPC subjects and the reply classes (their @ApiProperty
 * examples document the wire shape once). Request classes are in approval.message.ts.
 */
import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_TYPES, ProjectType } from './permits';
import {
  APPLICATION_STATES,
  ApplicationState,
  APPLICANT_ACTIONS,
  ApplicantAction,
  APPROVAL_STAGES,
  ApprovalAction,
  ApprovalStage,
  STAFF_ACTIONS,
  StaffAction,
  StaffPauseKind,
} from './approval-stages';
import { ApplicationClockV1, FieldChangeV1 } from './approval-clock';
import { ScanRefV1, StoredScanV1 } from './scans';

export * from './approval-stages';
export * from './approval-clock';

export const APPROVAL_CATEGORIES = [
  '社会投资房建类',
  '政府投资房建类',
  '社会投资线性工程类',
  '政府投资线性工程类',
] as const;

export const ApprovalRpc = {
  registerProject: 'rpc.permits.approval.project.register.v1',
  submitApplication: 'rpc.permits.approval.application.submit.v1',
  applicantGet: 'rpc.permits.approval.application.applicant-get.v1',
  applicantAction: 'rpc.permits.approval.application.applicant-action.v1',
  list: 'rpc.permits.approval.application.list.v1',
  get: 'rpc.permits.approval.application.get.v1',
  transition: 'rpc.permits.approval.application.transition.v1',
  commitmentLetter: 'rpc.permits.approval.application.commitment-letter.v1',
} as const;

// ---- request shapes (the classes in approval.message.ts implement them)

export interface PartyV1 {
  name: string;
  creditCode: string;
}
export interface ApprovalProjectRegistrationV1 {
  projectCode: string;
  projectName: string;
  regionCode: string;
  category: string;
  developer: PartyV1;
  projectType: ProjectType;
}
export interface ApplicationUnitV1 {
  unitCode: string;
  name: string;
  floors: number;
  floorArea: number;
}
export interface CapitalGuaranteeV1 {
  /** 是否实行项目资本保证金 */
  applies: boolean;
  /** 项目资本保证金总额（分） */
  amountFen: number | null;
  /**
   * 项目资本保证金承诺函: the staged scan (the gateway stages the multipart `scan` part of the
   * submission and puts its reference here); the permits service keeps the bytes. Never in the stored form.
   */
  commitmentLetter?: ScanRefV1 | null;
}
export interface FundSupervisionV1 {
  /** 是否计划实行预售资金监管 */
  planned: boolean;
  bank: string | null;
  account: string | null;
}
export interface PermitApplicationSubmissionV1 {
  projectCode: string;
  /** 工程类别代码 (permit number CC); 01 when absent */
  worksCategoryCode?: string;
  units: ApplicationUnitV1[];
  constructionUnit: PartyV1;
  contractor: PartyV1;
  supervisor: PartyV1;
  contractAmountFen: number;
  /** m², two decimals */
  area: number;
  plannedStartDate: string;
  plannedCompletionDate: string;
  capitalGuarantee?: CapitalGuaranteeV1 | null;
  fundSupervision?: FundSupervisionV1 | null;
}
export interface ApplicationIdBody {
  applicationId: string;
}
/** 书面告知 of a pause: PAUSE needs it (kind 勘验/专家评审/听证); RETURN_FOR_CORRECTION may give its number. */
export interface PauseNoticeV1 {
  kind?: StaffPauseKind;
  /** 告知书文号 */
  noticeNumber: string;
  /** 暂停原因 */
  reason: string;
  /** 告知日期 (China date); today when absent */
  date?: string;
}
export interface ApplicationTransitionRequestV1 {
  applicationId: string;
  action: StaffAction;
  opinion: string;
  items?: string[];
  reasonCode?: string;
  notice?: PauseNoticeV1;
  /** 受理 PASS only: the project type the reviewer confirms (must equal the registered type) */
  confirmedProjectType?: ProjectType;
}
/** Form fields the applicant may correct on RESUBMIT (everything but the project). */
export type CorrectableFormV1 = Partial<Omit<PermitApplicationSubmissionV1, 'projectCode'>>;
export interface ApplicantActionRequestV1 {
  applicationId: string;
  action: ApplicantAction;
  opinion: string;
  /** RESUBMIT only: corrected form fields, validated (merged) with the submission's message class */
  corrections?: CorrectableFormV1;
  /**
   * RESUBMIT only: a new 项目资本保证金承诺函, the staged scan (the gateway stages the multipart `scan`
   * part of the resubmission); the permits service keeps it as the application's current letter, a new
   * version beside the earlier ones.
   */
  commitmentLetter?: ScanRefV1 | null;
}
export interface ApplicationListRequestV1 {
  state?: ApplicationState;
  stage?: ApprovalStage;
  regionCode?: string;
  /** true: only cases whose current stage (or whole case) is red; false: only those that are not */
  overdue?: boolean;
  page: number;
  pageSize: number;
}

// ---- replies

export class ApprovalProjectV1 {
  @ApiProperty({ example: '2024-430223-70-03-012345' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城三期' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '社会投资房建类' }) category!: string;
  @ApiProperty({ example: 'PRESALE', enum: PROJECT_TYPES }) projectType!: ProjectType;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: '项目类型锁定时间（首个二三四阶段事项申报时）type locked at the first stage 2–4 item',
  })
  typeLockedAt!: string | null;
  @ApiProperty({ example: 'created', enum: ['created', 'updated', 'unchanged'] }) outcome!:
    'created' | 'updated' | 'unchanged';
}

export class PermitApplicationReceiptV1 {
  @ApiProperty({ example: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b' }) applicationId!: string;
  @ApiProperty({ example: 'SUBMITTED', enum: APPLICATION_STATES }) state!: ApplicationState;
  @ApiProperty({ example: 'ACCEPTANCE', enum: APPROVAL_STAGES }) stage!: ApprovalStage;
}

export class ApplicationTransitionV1 {
  @ApiProperty({ example: 'ACCEPTANCE', enum: APPROVAL_STAGES }) fromStage!: ApprovalStage;
  @ApiProperty({ example: 'PRELIMINARY_REVIEW', enum: APPROVAL_STAGES }) toStage!: ApprovalStage;
  @ApiProperty({ example: 'PASS', enum: ['SUBMIT', ...STAFF_ACTIONS, ...APPLICANT_ACTIONS] }) action!: ApprovalAction;
  @ApiProperty({ example: 'IN_REVIEW', enum: APPLICATION_STATES }) state!: ApplicationState;
  @ApiProperty({ example: 'youxian.shouli', description: '操作人（工作人员用户名或对接凭据）actor' }) actor!: string;
  @ApiProperty({ example: 'COUNTY', nullable: true, type: String }) actorRole!: string | null;
  @ApiProperty({ example: '材料齐全，予以受理' }) opinion!: string;
  @ApiProperty({ example: [], type: [String], description: '补正事项 correction items' }) items!: string[];
  @ApiProperty({ example: null, nullable: true, type: String, description: '不予许可原因代码' }) reasonCode!:
    string | null;
  @ApiProperty({ example: '2024-09-03T02:15:00.000Z', format: 'date-time' }) at!: string;
  @ApiProperty({
    example: null,
    nullable: true,
    enum: PROJECT_TYPES,
    description: '受理通过时审查人员确认的项目类型 project type confirmed at 受理 (null on other transitions)',
  })
  confirmedProjectType!: ProjectType | null;
  @ApiProperty({
    type: () => [FieldChangeV1],
    description: '补正后重新提交时修改的表单字段 form fields changed on RESUBMIT',
  })
  changes!: FieldChangeV1[];
}

export class CapitalGuaranteeFieldsV1 {
  @ApiProperty({ example: true, description: '是否实行项目资本保证金' }) applies!: boolean;
  @ApiProperty({ example: 1_500_000_000, nullable: true, type: Number, description: '项目资本保证金总额（分）' })
  amountFen!: number | null;
  @ApiProperty({
    type: () => StoredScanV1,
    nullable: true,
    description:
      '项目资本保证金承诺函扫描件（申报时 multipart scan 部分上传；工作人员经 …/commitment-letter 下载）commitment letter scan',
  })
  commitmentLetter!: StoredScanV1 | null;
}

export class FundSupervisionFieldsV1 implements FundSupervisionV1 {
  @ApiProperty({ example: true, description: '是否计划实行预售资金监管' }) planned!: boolean;
  @ApiProperty({ example: '中国建设银行攸县支行', nullable: true, type: String }) bank!: string | null;
  @ApiProperty({ example: '43050162360000000123', nullable: true, type: String }) account!: string | null;
}

export class ApplicationPartyV1 implements PartyV1 {
  @ApiProperty({ example: '攸县锦绣置业有限公司' }) name!: string;
  @ApiProperty({ example: '91430223MA4Q0ABC1F' }) creditCode!: string;
}

export class ApplicationUnitFieldsV1 implements ApplicationUnitV1 {
  @ApiProperty({ example: '2024-430223-70-03-012345-DT022' }) unitCode!: string;
  @ApiProperty({ example: '22#栋' }) name!: string;
  @ApiProperty({ example: 33 }) floors!: number;
  @ApiProperty({ example: 12345.67 }) floorArea!: number;
}

/** One application as the reviewing staff see it: the form (capital guarantee and escrow at every stage) and its history. */
export class PermitApplicationV1 {
  @ApiProperty({ example: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b' }) applicationId!: string;
  @ApiProperty({ example: '2024-430223-70-03-012345' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城三期' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: 'PRESALE', enum: PROJECT_TYPES }) projectType!: ProjectType;
  @ApiProperty({ example: 'IN_REVIEW', enum: APPLICATION_STATES }) state!: ApplicationState;
  @ApiProperty({ example: 'PRELIMINARY_REVIEW', enum: APPROVAL_STAGES }) stage!: ApprovalStage;
  @ApiProperty({ example: '01' }) worksCategoryCode!: string;
  @ApiProperty({ type: () => [ApplicationUnitFieldsV1] }) units!: ApplicationUnitFieldsV1[];
  @ApiProperty({ type: () => ApplicationPartyV1 }) developer!: ApplicationPartyV1;
  @ApiProperty({ type: () => ApplicationPartyV1 }) constructionUnit!: ApplicationPartyV1;
  @ApiProperty({ type: () => ApplicationPartyV1 }) contractor!: ApplicationPartyV1;
  @ApiProperty({ type: () => ApplicationPartyV1 }) supervisor!: ApplicationPartyV1;
  @ApiProperty({ example: 35_000_000_000, description: '合同价格（分）' }) contractAmountFen!: number;
  @ApiProperty({ example: 45678.9, description: '建筑面积（m²）' }) area!: number;
  @ApiProperty({ example: '2024-10-01' }) plannedStartDate!: string;
  @ApiProperty({ example: '2026-12-31' }) plannedCompletionDate!: string;
  @ApiProperty({ type: () => CapitalGuaranteeFieldsV1, nullable: true })
  capitalGuarantee!: CapitalGuaranteeFieldsV1 | null;
  @ApiProperty({ type: () => FundSupervisionFieldsV1, nullable: true })
  fundSupervision!: FundSupervisionFieldsV1 | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: '决定发证后的施工许可证编号' })
  permitNumber!: string | null;
  @ApiProperty({ example: '2024-09-02T01:00:00.000Z', format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: () => [ApplicationTransitionV1] }) history!: ApplicationTransitionV1[];
  @ApiProperty({ type: () => ApplicationClockV1, description: '环节与全流程时限 clocks' })
  clock!: ApplicationClockV1;
}

/** What the applicant reads (GET /api/v1/approval/permit-applications/{id}). */
export class PermitApplicationStatusV1 {
  @ApiProperty({ example: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b' }) applicationId!: string;
  @ApiProperty({ example: '2024-430223-70-03-012345' }) projectCode!: string;
  @ApiProperty({ example: 'RETURNED', enum: APPLICATION_STATES }) state!: ApplicationState;
  @ApiProperty({ example: 'PRELIMINARY_REVIEW', enum: APPROVAL_STAGES }) stage!: ApprovalStage;
  @ApiProperty({ example: null, nullable: true, type: String }) permitNumber!: string | null;
  @ApiProperty({ example: ['补充施工合同扫描件'], type: [String], description: '待补正事项（RETURNED 时）' })
  correctionItems!: string[];
  @ApiProperty({ example: '请补充施工合同', nullable: true, type: String, description: '最近一次意见' })
  lastOpinion!: string | null;
  @ApiProperty({
    type: () => StoredScanV1,
    nullable: true,
    description: '已上传的项目资本保证金承诺函扫描件 commitment letter scan kept with the application',
  })
  commitmentLetter!: StoredScanV1 | null;
}

export class PermitApplicationPageV1 {
  @ApiProperty({ type: () => [PermitApplicationV1] }) items!: PermitApplicationV1[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class ApplicationTransitionResultV1 {
  @ApiProperty({ example: '7c1f0c4e-3f7a-4a55-9d3b-0c1d2e3f4a5b' }) applicationId!: string;
  @ApiProperty({ example: 'CLOSED', enum: APPROVAL_STAGES }) stage!: ApprovalStage;
  @ApiProperty({ example: 'APPROVED', enum: APPLICATION_STATES }) state!: ApplicationState;
  @ApiProperty({
    example: '430223202409030101',
    nullable: true,
    type: String,
    description: '决定通过时签发的施工许可证编号 permit number issued on PASS at DECISION',
  })
  permitNumber!: string | null;
}
