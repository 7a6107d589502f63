/**
 * 施工许可审批 clocks (时限) as the staff read them, the pauses with their written notices, the form
 * changes of a RESUBMIT, and the workflow's overdue events (on the permits stream).
 */
import { ApiProperty } from '@nestjs/swagger';
import {
  APPROVAL_STAGES,
  ApprovalAction,
  ApprovalStage,
  CLOCK_LEVELS,
  ClockLevel,
  PAUSE_KINDS,
  PauseKind,
} from './approval-stages';

/** Events of the approval workflow (on the permits stream HN_PERMITS, hn.permits.>). */
export const ApprovalEvents = {
  /** a case's current stage turned red (once per stage) */
  applicationOverdue: 'hn.permits.application.overdue.v1',
  /** the case left a stage that had been published overdue */
  applicationOverdueEnded: 'hn.permits.application.overdue-ended.v1',
} as const;

/** data of hn.permits.application.overdue.v1 */
export interface ApplicationOverdueV1 {
  applicationId: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  stage: ApprovalStage;
  committedDays: number;
  statutoryDays: number;
  elapsedDays: number;
  /** when the permits service saw the stage red */
  overdueAt: string;
}

/** data of hn.permits.application.overdue-ended.v1 */
export interface ApplicationOverdueEndedV1 {
  applicationId: string;
  regionCode: string;
  stage: ApprovalStage;
  /** the action that left the stage (PASS, REJECT, WITHDRAW) */
  action: ApprovalAction;
  endedAt: string;
}

/** One form field the applicant changed on RESUBMIT (the whole top-level field before and after). */
export class FieldChangeV1 {
  @ApiProperty({ example: 'capitalGuarantee' }) field!: string;
  @ApiProperty({ example: { applies: false, amountFen: null }, nullable: true, description: '修改前' })
  before!: unknown;
  @ApiProperty({ example: { applies: true, amountFen: 1_500_000_000 }, nullable: true, description: '修改后' })
  after!: unknown;
}

/** A pause of the clock with its written notice (书面告知). */
export class PauseRecordV1 {
  @ApiProperty({ example: 'INSPECTION', enum: PAUSE_KINDS, description: '补正 / 勘验 / 专家评审 / 听证' })
  kind!: PauseKind;
  @ApiProperty({ example: 'START_CONDITIONS_REVIEW', enum: APPROVAL_STAGES }) stage!: ApprovalStage;
  @ApiProperty({ example: '攸建勘告〔2024〕12号', description: '告知书文号' }) noticeNumber!: string;
  @ApiProperty({ example: '需现场勘验施工场地', description: '暂停原因' }) reason!: string;
  @ApiProperty({ example: '2024-09-05', format: 'date', description: '告知日期' }) noticeDate!: string;
  @ApiProperty({ example: '2024-09-05T02:00:00.000Z', format: 'date-time' }) startedAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time' }) endedAt!: string | null;
  @ApiProperty({ example: 'youxian.shouli' }) startedBy!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) endedBy!: string | null;
}

/** Working days used against a limit (工作日，暂停期间不计). */
export class ClockFiguresV1 {
  @ApiProperty({ example: 3, description: '法定时限（工作日）statutory limit' }) statutoryDays!: number;
  @ApiProperty({ example: 2, description: '承诺时限（工作日）committed limit; the level is against it' })
  committedDays!: number;
  @ApiProperty({ example: 1, description: '已用工作日（不含暂停）elapsed working days' }) elapsedDays!: number;
  @ApiProperty({ example: 0, description: '暂停的工作日 paused working days' }) pausedDays!: number;
  @ApiProperty({ example: 50, description: '已用占承诺时限的百分比 percent of the committed limit' })
  percent!: number;
  @ApiProperty({ example: 'GREEN', enum: CLOCK_LEVELS, description: '绿 / 黄（≥90 %）/ 红（≥100 %）' })
  level!: ClockLevel;
  @ApiProperty({ example: false, description: '已超法定时限 statutory limit used up' }) statutoryExceeded!: boolean;
}

export class StageClockV1 extends ClockFiguresV1 {
  @ApiProperty({ example: 'PRELIMINARY_REVIEW', enum: APPROVAL_STAGES }) stage!: ApprovalStage;
  @ApiProperty({ example: '2024-09-03T02:15:00.000Z', format: 'date-time' }) enteredAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String, format: 'date-time' }) leftAt!: string | null;
  @ApiProperty({
    example: '2024-09-05',
    nullable: true,
    type: String,
    format: 'date',
    description: '承诺时限到期日（进行中且未暂停时）due date of the committed limit',
  })
  dueDate!: string | null;
}

/** 时限: per stage (those reached) and for the whole case, as of a time, with the pauses. */
export class ApplicationClockV1 {
  @ApiProperty({ example: '2024-09-04T08:00:00.000Z', format: 'date-time' }) asOf!: string;
  @ApiProperty({ example: false, description: '正在暂停计时 the clock is stopped now' }) paused!: boolean;
  @ApiProperty({ type: () => [StageClockV1] }) stages!: StageClockV1[];
  @ApiProperty({ type: () => ClockFiguresV1, description: '全流程 whole case' }) total!: ClockFiguresV1;
  @ApiProperty({ type: () => [PauseRecordV1] }) pauses!: PauseRecordV1[];
}
