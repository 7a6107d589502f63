import { ApiProperty } from '@nestjs/swagger';

export class StoredScanDto {
  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: 'SHA-256（十六进制）',
  })
  sha256!: string;
  @ApiProperty({ example: 'application/pdf', enum: ['application/pdf', 'image/jpeg', 'image/png'] })
  contentType!: string;
  @ApiProperty({ example: 482_113, description: '字节 bytes' }) size!: number;
  @ApiProperty({ example: '锦绣星城一期资本保证金承诺函.pdf' }) fileName!: string;
  @ApiProperty({ example: '2024-09-03T02:10:00.000Z' }) uploadedAt!: string;
}

export class EscrowRecordViewDto {
  @ApiProperty({ example: '430223202306150101-Z01' }) presaleNumber!: string;
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
  @ApiProperty({ example: '2024-07-31' }) balanceAsOf!: string;
  @ApiProperty({
    example: 'DRAFT',
    enum: ['DRAFT', 'SUBMITTED'],
    description: '草稿可修改、撤回；已提交即锁定（仅管理员凭书面报告更正）',
  })
  state!: string;
  @ApiProperty({ example: 2, description: '当前版本号（版本不复用，全部保留）' }) version!: number;
  @ApiProperty({ example: 'youxian.zhang' }) enteredBy!: string;
  @ApiProperty({ example: '2024-09-03T02:10:00.000Z' }) updatedAt!: string;
  @ApiProperty({ type: StoredScanDto, nullable: true, description: '承诺函扫描件 commitment letter scan' })
  commitmentLetterScan!: StoredScanDto | null;
}

export class EscrowListItemDto {
  @ApiProperty({ example: '430223202306150101-Z01' }) presaleNumber!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '锦绣星城一期' }) projectName!: string;
  @ApiProperty({ example: '攸县锦绣置业有限公司' }) developerName!: string;
  @ApiProperty({ example: '2023-06-15' }) issueDate!: string;
  @ApiProperty({ type: EscrowRecordViewDto, nullable: true, description: '当前资金监管信息；尚未录入为 null' })
  record!: EscrowRecordViewDto | null;
}

export class EscrowPageDto {
  @ApiProperty({ type: [EscrowListItemDto] }) items!: EscrowListItemDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class EscrowPutResultDto {
  @ApiProperty({
    example: 'created',
    enum: ['created', 'updated', 'unchanged'],
    description: '新建（201）/ 新版本（200）/ 与当前版本相同，未写新版本（200）',
  })
  outcome!: string;
  @ApiProperty({ type: EscrowRecordViewDto }) record!: EscrowRecordViewDto;
}

export class EscrowCorrectionInfoDto {
  @ApiProperty({ example: '监管账号余额录入错误' }) reason!: string;
  @ApiProperty({ example: '湘建房函〔2024〕12号' }) documentNumber!: string;
  @ApiProperty({ type: StoredScanDto, description: '书面报告扫描件' }) reportScan!: StoredScanDto;
}

export class EscrowVersionDto {
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: 150_000_000, nullable: true, type: Number }) capitalGuaranteeAmount!: number | null;
  @ApiProperty({ example: false }) commitmentLetter!: boolean;
  @ApiProperty({ example: true }) fundSupervision!: boolean;
  @ApiProperty({ example: '中国建设银行攸县支行', nullable: true, type: String }) bank!: string | null;
  @ApiProperty({ example: '43050162123400000123', nullable: true, type: String }) account!: string | null;
  @ApiProperty({ example: 8_765_432_100 }) balance!: number;
  @ApiProperty({ example: '2024-07-31' }) balanceAsOf!: string;
  @ApiProperty({ example: 'youxian.zhang' }) enteredBy!: string;
  @ApiProperty({ example: '2024-09-03T02:00:00.000Z' }) enteredAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String, description: '已撤回时间' }) withdrawnAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: '提交锁定时间' }) submittedAt!:
    string | null;
  @ApiProperty({ type: StoredScanDto, nullable: true }) commitmentLetterScan!: StoredScanDto | null;
  @ApiProperty({ type: EscrowCorrectionInfoDto, nullable: true, description: '管理员更正（书面报告）correction' })
  correction!: EscrowCorrectionInfoDto | null;
}

export class EscrowVersionsDto {
  @ApiProperty({ example: '430223202306150101-Z01' }) presaleNumber!: string;
  @ApiProperty({ type: [EscrowVersionDto], description: '全部版本，含已撤回的 every version, withdrawn ones included' })
  versions!: EscrowVersionDto[];
}

export class EscrowWithdrawResultDto {
  @ApiProperty({ example: '430223202306150101-Z01' }) presaleNumber!: string;
  @ApiProperty({ example: 2 }) withdrawnVersion!: number;
  @ApiProperty({
    example: 'RESTORED',
    enum: ['RESTORED', 'REMOVED'],
    description: '恢复上一版本 / 无上一版本，记录删除',
  })
  outcome!: string;
  @ApiProperty({ type: EscrowRecordViewDto, nullable: true }) record!: EscrowRecordViewDto | null;
}

export class EscrowSubmitResultDto {
  @ApiProperty({ type: [EscrowRecordViewDto] }) records!: EscrowRecordViewDto[];
}

export class EscrowCorrectionResultDto {
  @ApiProperty({ type: EscrowRecordViewDto }) record!: EscrowRecordViewDto;
  @ApiProperty({ example: 3, description: '被更正的版本（保留）the corrected version, kept' }) previousVersion!: number;
}
