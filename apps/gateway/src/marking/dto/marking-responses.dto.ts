import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_TYPES } from '@hn/messages';

const STATES = ['DRAFT', 'SUBMITTED'];

export class MarkingRowDto {
  @ApiProperty({ example: '430223202406200101', description: '施工许可证编号' }) permitNumber!: string;
  @ApiProperty({ example: '2024-430223-70-03-012345', description: '工改项目编码（项目唯一）' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({
    enum: PROJECT_TYPES,
    nullable: true,
    example: 'PRESALE',
    description: '项目类型；草稿标记显示标记类型；null = 未标记',
  })
  projectType!: string | null;
  @ApiProperty({
    enum: STATES,
    nullable: true,
    example: 'DRAFT',
    description: '标记状态：草稿可撤回；已提交即锁定；null = 未标记（或报建时已定类型）',
  })
  markingState!: string | null;
  @ApiProperty({ example: 'youxian.zhang', nullable: true, type: String }) markedBy!: string | null;
  @ApiProperty({ example: '2024-06-20', description: '发证日期' }) issueDate!: string;
  @ApiProperty({ example: '2024-07-01', nullable: true, type: String, description: '开工时间' }) startDate!:
    string | null;
  @ApiProperty({ example: '2026-12-31', nullable: true, type: String, description: '计划竣工时间' })
  plannedCompletionDate!: string | null;
  @ApiProperty({ example: false, description: '是否竣工验收（已竣工验收备案）' }) accepted!: boolean;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: '实际竣工时间：竣工验收备案日期，否则五方责任主体验收日期',
  })
  actualCompletionDate!: string | null;
}

export class MarkingPageDto {
  @ApiProperty({ type: [MarkingRowDto] }) items!: MarkingRowDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class MarkedProjectDto {
  @ApiProperty({ example: '2024-430223-70-03-012345' }) projectCode!: string;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ enum: PROJECT_TYPES, nullable: true, example: null, description: '此前的类型' }) previousType!:
    string | null;
  @ApiProperty({ enum: PROJECT_TYPES, example: 'PRESALE' }) projectType!: string;
  @ApiProperty({ enum: STATES, example: 'DRAFT' }) markingState!: string;
  @ApiProperty({ example: ['430223202406200101'], type: [String], description: '该项目的全部施工许可证' })
  permitNumbers!: string[];
}

export class MarkingBatchResultDto {
  @ApiProperty({
    example: '6b0f7c1e-3f57-4c8e-9d0a-2d1f0c9b8a71',
    nullable: true,
    type: String,
    description: '本次标记操作（撤回的单位）；全部项目已是该类型时为 null',
  })
  stepId!: string | null;
  @ApiProperty({ type: [MarkedProjectDto] }) projects!: MarkedProjectDto[];
  @ApiProperty({ example: [], type: [String], description: '已是该类型草稿、未变化的项目编码' }) unchanged!: string[];
}

export class MarkingWithdrawnProjectDto {
  @ApiProperty({ example: '2024-430223-70-03-012345' }) projectCode!: string;
  @ApiProperty({ enum: PROJECT_TYPES, nullable: true, example: null, description: '撤回后的类型' }) projectType!:
    string | null;
}

export class MarkingWithdrawResultDto {
  @ApiProperty({ example: '6b0f7c1e-3f57-4c8e-9d0a-2d1f0c9b8a71' }) stepId!: string;
  @ApiProperty({ enum: PROJECT_TYPES, example: 'PRESALE', description: '被撤回的那一步标记的类型' })
  withdrawnType!: string;
  @ApiProperty({ type: [MarkingWithdrawnProjectDto] }) projects!: MarkingWithdrawnProjectDto[];
  @ApiProperty({ example: [], type: [String], description: '此后已被他人重新标记的项目：保留他人的标记' })
  superseded!: string[];
}

export class MarkingSubmitResultDto {
  @ApiProperty({ type: [MarkedProjectDto] }) projects!: MarkedProjectDto[];
}

export class CorrectionReportDto {
  @ApiProperty({ example: '4c7a1f0e9b2d3c5a6e8f7a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5' }) sha256!: string;
  @ApiProperty({ example: 'application/pdf', enum: ['application/pdf', 'image/jpeg', 'image/png'] })
  contentType!: string;
  @ApiProperty({ example: 284_311 }) size!: number;
  @ApiProperty({ example: '纠错报告.pdf' }) fileName!: string;
  @ApiProperty({ example: '2024-09-10T03:00:00.000Z' }) uploadedAt!: string;
  @ApiProperty({ example: '攸住建函〔2024〕12号' }) documentNumber!: string;
  @ApiProperty({ example: '经核实该项目为企业自持，未办理预售' }) reason!: string;
}

export class MarkingCorrectionResultDto {
  @ApiProperty({ type: MarkedProjectDto }) project!: MarkedProjectDto;
  @ApiProperty({ enum: PROJECT_TYPES, nullable: true, example: 'PRESALE' }) previousType!: string | null;
  @ApiProperty({ example: '0d7c5e1a-2b3c-4d5e-8f90-a1b2c3d4e5f6', description: '纠错记录（保留更正前版本）' })
  correctionId!: string;
  @ApiProperty({ example: '2024-09-10T03:00:00.000Z' }) correctedAt!: string;
  @ApiProperty({ type: CorrectionReportDto }) report!: CorrectionReportDto;
}
