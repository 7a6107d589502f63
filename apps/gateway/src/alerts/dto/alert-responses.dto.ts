import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACCEPTANCE_KINDS,
  ALERT_SCOPES,
  ALERT_STATES,
  ALERT_TYPES,
  AcceptanceBackfillStateV1,
  AcceptanceKindV1,
  AlertScopeV1,
  AlertStateV1,
  AlertTypeV1,
} from '@hn/messages';

/** OpenAPI shapes of the alerts answers (the types are AlertV1 & co. of @hn/messages). */

export class StoredScanDto {
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) sha256!: string;
  @ApiProperty({ enum: ['application/pdf', 'image/jpeg', 'image/png'] }) contentType!: string;
  @ApiProperty({ example: 182344 }) size!: number;
  @ApiProperty({ example: '竣工验收备案表.pdf' }) fileName!: string;
  @ApiProperty({ example: '2026-12-03T02:00:00.000Z' }) uploadedAt!: string;
}

export class AlertFollowUpDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '主体结构完工后因资金紧张停工三个月', description: '逾期原因' }) reason!: string;
  @ApiProperty({ example: '约谈开发企业，督促复工', description: '采取的措施' }) measures!: string;
  @ApiProperty({ example: '张伟', description: '责任人' }) responsiblePerson!: string;
  @ApiProperty({ example: '13807330001', description: '联系电话' }) phone!: string;
  @ApiProperty({ example: '2027-03-31', description: '计划完成日期' }) plannedDate!: string;
  @ApiProperty({ example: 'youxian-clerk' }) recordedBy!: string;
  @ApiProperty({ example: '2026-12-03T02:00:00.000Z' }) recordedAt!: string;
}

export class AlertDismissalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['PENDING', 'APPROVED', 'REJECTED'] }) state!: string;
  @ApiProperty({ example: '已线下完成竣工验收备案，附备案表' }) reason!: string;
  @ApiProperty({ type: StoredScanDto }) evidence!: StoredScanDto;
  @ApiProperty({ example: 'youxian-clerk' }) requestedBy!: string;
  @ApiProperty({ example: '430223' }) requestedRegion!: string;
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote!: string | null;
}

export class AlertDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ALERT_TYPES }) type!: AlertTypeV1;
  @ApiProperty({ enum: ALERT_STATES }) state!: AlertStateV1;
  @ApiProperty({ enum: ALERT_SCOPES, nullable: true }) scope!: AlertScopeV1 | null;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ nullable: true, type: String, example: '2019-430223-70-03-000001' }) projectCode!: string | null;
  @ApiProperty({ example: '锦绣星城' }) projectName!: string;
  @ApiProperty({ nullable: true, type: String, example: '430223201906200101' }) permitNumber!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) presaleNumber!: string | null;
  @ApiProperty({ example: '2026-11-30T16:00:00.000Z' }) raisedAt!: string;
  @ApiProperty({ nullable: true, type: Number, example: 3, description: '逾期天数（北京时间，按列表日期）' })
  daysOverdue!: number | null;
  @ApiProperty({ nullable: true, type: String }) clearedAt!: string | null;
  @ApiProperty({ example: { plannedCompletionDate: '2026-11-30' }, description: '规则所见事实' })
  facts!: Record<string, unknown>;
  @ApiProperty({ type: [AlertFollowUpDto] }) followUps!: AlertFollowUpDto[];
  @ApiProperty({ type: AlertDismissalDto, nullable: true }) dismissal!: AlertDismissalDto | null;
}

export class AlertPageDto {
  @ApiProperty({ type: [AlertDto] }) items!: AlertDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class AlertHistoryEntryDto {
  @ApiProperty() at!: string;
  @ApiProperty({ enum: ALERT_STATES, nullable: true }) fromState!: AlertStateV1 | null;
  @ApiProperty({ enum: ALERT_STATES }) toState!: AlertStateV1;
  @ApiProperty({ example: 'system' }) actor!: string;
  @ApiProperty({
    example: { kind: 'EVENT', eventId: '0b7c…', eventType: 'hn.permits.acceptance.recorded.v1' },
    description: '原因：EVENT 事件 / FOLLOW_UP 跟踪 / DISMISSAL 核销 / PERMIT_LINK 关联施工许可 / RULE 日期检查',
  })
  cause!: Record<string, unknown>;
}

export class AlertDetailDto extends AlertDto {
  @ApiProperty({ type: [AlertHistoryEntryDto] }) history!: AlertHistoryEntryDto[];
}

export class AcceptanceBackfillDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '430223201906200101' }) permitNumber!: string;
  @ApiProperty({ enum: ACCEPTANCE_KINDS }) kind!: AcceptanceKindV1;
  @ApiProperty({ example: '2024-05-10' }) date!: string;
  @ApiPropertyOptional({ example: '线下组织五方验收，未在工改系统上传' }) note?: string;
  @ApiProperty({ example: '2019-430223-70-03-000001' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ enum: ['PENDING', 'APPROVED', 'RETURNED'] }) state!: AcceptanceBackfillStateV1;
  @ApiProperty({ type: StoredScanDto }) scan!: StoredScanDto;
  @ApiProperty() submittedBy!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote!: string | null;
}

export class AcceptanceBackfillPageDto {
  @ApiProperty({ type: [AcceptanceBackfillDto] }) items!: AcceptanceBackfillDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
