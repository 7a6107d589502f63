import { ApiProperty } from '@nestjs/swagger';

export class SigningStatisticDto {
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '锦绣星城三期（22#栋）', nullable: true, type: String }) projectName!: string | null;
  @ApiProperty({ example: '2024-08' }) month!: string;
  @ApiProperty({ example: 36 }) contractsSigned!: number;
  @ApiProperty({ example: 3456.78, description: '平方米 m²' }) floorArea!: number;
  @ApiProperty({ example: 2_345_678_900, description: '分 fen' }) amountFen!: number;
  @ApiProperty({ example: 'BACKFILL', enum: ['BACKFILL', 'PERIODIC'], description: '切换日前补录 / 定期报送' })
  kind!: string;
  @ApiProperty({ example: 'DRAFT', enum: ['DRAFT', 'SUBMITTED'], description: '草稿可修改、撤回；已提交即锁定' })
  state!: string;
  @ApiProperty({ example: 2, description: '当前版本号（版本不复用，全部保留）' }) version!: number;
  @ApiProperty({ example: 'youxian.zhang' }) enteredBy!: string;
  @ApiProperty({ example: '2024-09-03T02:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2024-09-03T02:10:00.000Z' }) updatedAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) submittedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) submittedBy!: string | null;
}

export class SigningStatisticPutResultDto {
  @ApiProperty({ type: SigningStatisticDto }) statistic!: SigningStatisticDto;
  @ApiProperty({
    example: 'created',
    enum: ['created', 'updated', 'unchanged'],
    description: '新建（201）/ 新版本（200）/ 与当前版本相同，未写新版本（200）',
  })
  outcome!: string;
}

export class SigningStatisticPageDto {
  @ApiProperty({ type: [SigningStatisticDto] }) items!: SigningStatisticDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}

export class SigningStatisticWithdrawResultDto {
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  @ApiProperty({ example: '2024-08' }) month!: string;
  @ApiProperty({ example: 2 }) withdrawnVersion!: number;
  @ApiProperty({
    example: 'RESTORED',
    enum: ['RESTORED', 'REMOVED'],
    description: '恢复上一版本 / 无上一版本，记录删除',
  })
  outcome!: string;
  @ApiProperty({ type: SigningStatisticDto, nullable: true }) statistic!: SigningStatisticDto | null;
}

export class SigningStatisticSubmitResultDto {
  @ApiProperty({ type: [SigningStatisticDto] }) statistics!: SigningStatisticDto[];
}

export class ReconciliationFiguresDto {
  @ApiProperty({ example: 5 }) contracts!: number;
  @ApiProperty({ example: 512.34 }) floorArea!: number;
  @ApiProperty({ example: 456_789_000 }) amountFen!: number;
}

export class ReconciliationDifferenceDto {
  @ApiProperty({ example: '8d6c7a8e-2f4b-4a8e-9a43-0c1f5f0f2b11' }) id!: string;
  @ApiProperty({ example: '430223202406200101-Y01' }) presaleNumber!: string;
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty({ example: -1, description: '本平台 − 市场监管平台 (ours − market)' }) countDelta!: number;
  @ApiProperty({ example: -98.76 }) areaDelta!: number;
  @ApiProperty({ example: -88_000_000 }) amountDeltaFen!: number;
  @ApiProperty({ example: ['430223202406200101-Y01-B0005'], type: [String], description: '市场监管平台有、本平台无' })
  missingOnOurs!: string[];
  @ApiProperty({ example: [], type: [String], description: '本平台有（有效）、市场监管平台无' })
  missingOnMarket!: string[];
  @ApiProperty({ example: [], type: [String], description: '两边都有但面积或金额不同' }) mismatched!: string[];
  @ApiProperty({ type: ReconciliationFiguresDto }) ours!: ReconciliationFiguresDto;
  @ApiProperty({ type: ReconciliationFiguresDto }) market!: ReconciliationFiguresDto;
  @ApiProperty({ example: 'OPEN', enum: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'], description: '待核实 / 已说明 / 已消除' })
  state!: string;
  @ApiProperty({ example: '1b3c0a52-2c55-4d7e-9e8f-3e1f4c0d7a21' }) runId!: string;
  @ApiProperty({ example: '1b3c0a52-2c55-4d7e-9e8f-3e1f4c0d7a21' }) lastRunId!: string;
  @ApiProperty({ example: '2024-11-01T01:00:00.000Z' }) foundAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) explanation!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) resolvedAt!: string | null;
}

export class ReconciliationDifferencePageDto {
  @ApiProperty({ type: [ReconciliationDifferenceDto] }) items!: ReconciliationDifferenceDto[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 3 }) total!: number;
}

export class ReconciliationPulledDto {
  @ApiProperty({ example: 2 }) pages!: number;
  @ApiProperty({ example: 245 }) items!: number;
  @ApiProperty({ example: 4, description: '格式错误、未参与比对的记录数' }) badItems!: number;
}

export class ReconciliationRunResultDto {
  @ApiProperty({ example: '1b3c0a52-2c55-4d7e-9e8f-3e1f4c0d7a21' }) runId!: string;
  @ApiProperty({ example: '2024-11-01T01:00:00.000Z' }) startedAt!: string;
  @ApiProperty({ example: '2024-11-01T01:00:03.000Z' }) finishedAt!: string;
  @ApiProperty({ type: ReconciliationPulledDto }) pulled!: ReconciliationPulledDto;
  @ApiProperty({ example: 120, description: '比对的（预售许可证, 月份）组数' }) comparedGroups!: number;
  @ApiProperty({ example: 10 }) newDifferences!: number;
  @ApiProperty({ example: 0 }) unchangedDifferences!: number;
  @ApiProperty({ example: 0 }) resolvedDifferences!: number;
  @ApiProperty({ type: [ReconciliationDifferenceDto], description: '本次发现的差异（本人区划内，最多 1000 条）' })
  differences!: ReconciliationDifferenceDto[];
  @ApiProperty({ example: false }) differencesTruncated!: boolean;
}
