import { ApiProperty } from '@nestjs/swagger';
import {
  AlertFiguresV1,
  CapitalGuaranteeFiguresV1,
  EscrowFiguresV1,
  FilingFiguresV1,
  MonthlyFiguresV1,
  PaymentMethodCountsV1,
  PermitFiguresV1,
  PresaleFiguresV1,
  ProjectTypeCountsV1,
  RegionFiguresV1,
  StatisticsLevelV1,
  StatisticsMonthlyV1,
  StatisticsRecordKindV1,
  StatisticsRecordPageV1,
  StatisticsRecordV1,
  StatisticsSummaryV1,
} from './statistics';

/**
 * The statistics replies as documented classes (OpenAPI of the gateway). 口径 in docs/statistics.md:
 * every numeric field of a region is the sum of the same field over its children.
 */

const count = (description: string, example = 0) => ApiProperty({ description, example, type: 'integer' });
const area = (description: string, example = 0) =>
  ApiProperty({ description: `${description}（m²，两位小数）`, example });
const fen = (description: string, example = 0) =>
  ApiProperty({ description: `${description}（分）`, example, type: 'integer' });

export class ProjectTypeCounts implements ProjectTypeCountsV1 {
  @count('预售商品房', 3) PRESALE!: number;
  @count('现售商品房', 1) CURRENT_SALE!: number;
  @count('其它', 1) OTHER!: number;
  @count('未标记项目类型', 2) UNMARKED!: number;
}

export class PaymentMethodCounts implements PaymentMethodCountsV1 {
  @count('一次性付款', 10) FULL!: number;
  @count('商业贷款', 20) COMMERCIAL_LOAN!: number;
  @count('公积金贷款', 5) PROVIDENT_FUND_LOAN!: number;
  @count('组合贷款', 3) COMBINED!: number;
}

export class PermitFigures implements PermitFiguresV1 {
  @count('施工许可证数（有效，发证日期不晚于统计日且统计日前已登记）', 7) count!: number;
  @area('建筑面积合计（各单体建筑面积之和）', 86419.69) floorArea!: number;
  @ApiProperty({ type: ProjectTypeCounts, description: '按项目类型（统计日时的类型）' })
  byProjectType!: ProjectTypeCounts;
  @count('项目类别为“社会投资房建类”的施工许可证数', 5) socialInvestment!: number;
}

export class PresaleFigures implements PresaleFiguresV1 {
  @count('Y 号预售许可证数（接口取号）', 2) y!: number;
  @count('Z 号预售许可证数（存量补录并已提交）', 1) z!: number;
  @area('预售面积合计', 24691.34) presaleArea!: number;
  @count('预售套数合计', 240) units!: number;
  @count('已标记为预售商品房但尚无预售许可证的项目数', 1) presaleProjectsWithoutPresalePermit!: number;
}

export class CapitalGuaranteeFigures implements CapitalGuaranteeFiguresV1 {
  @count('填报了资本保证金金额的预售许可证数（已提交资金监管信息）', 1) withAmount!: number;
  @fen('资本保证金金额合计', 500000000) amountFen!: number;
  @count('提交了资本保证金承诺函的', 0) withCommitmentLetter!: number;
  @count('既无金额也无承诺函的', 0) withNeither!: number;
}

export class EscrowFigures implements EscrowFiguresV1 {
  @count('实行预售资金监管的预售许可证数', 3) supervised!: number;
  @count('不实行预售资金监管的', 0) notSupervised!: number;
  @count('补录（Z）后尚无已提交资金监管信息的', 0) noRecord!: number;
  @fen('监管账户最新余额合计（统计日前最后一次提交的余额）', 123456789) balanceFen!: number;
}

export class FilingFigures implements FilingFiguresV1 {
  @count('有效网签备案数（统计日时未注销）', 38) count!: number;
  @area('有效备案的建筑面积合计', 3401.5) floorArea!: number;
  @fen('有效备案的合同金额合计', 4691354600) amountFen!: number;
  @ApiProperty({ type: PaymentMethodCounts, description: '有效备案按付款方式' })
  byPaymentMethod!: PaymentMethodCounts;
  @count('统计日前已注销的备案数', 2) cancelled!: number;
}

export class AlertFigures implements AlertFiguresV1 {
  @count('未关闭的逾期验收预警（增量）', 1) overdueAcceptanceIncrement!: number;
  @count('未关闭的逾期验收预警（存量）', 2) overdueAcceptanceStock!: number;
  @count('未关闭的已办预售未办施工许可预警', 0) presaleWithoutPermit!: number;
  @count('未关闭的网签比对差异预警', 1) openDifferences!: number;
}

export class RegionFigures implements RegionFiguresV1 {
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: '攸县' }) regionName!: string;
  @ApiProperty({
    enum: ['PROVINCE', 'CITY', 'COUNTY', 'OWN'],
    example: 'COUNTY',
    description: 'OWN：市本级（记录上的区划代码即市州代码）',
  })
  level!: StatisticsLevelV1;
  @ApiProperty({ type: PermitFigures }) permits!: PermitFigures;
  @ApiProperty({ type: PresaleFigures }) presale!: PresaleFigures;
  @ApiProperty({ type: CapitalGuaranteeFigures }) capitalGuarantee!: CapitalGuaranteeFigures;
  @ApiProperty({ type: EscrowFigures }) escrow!: EscrowFigures;
  @ApiProperty({ type: FilingFigures }) filings!: FilingFigures;
  @ApiProperty({ type: AlertFigures }) alerts!: AlertFigures;
}

export class StatisticsSummary extends RegionFigures implements StatisticsSummaryV1 {
  @ApiProperty({ example: '2026-11-30', format: 'date' }) asOf!: string;
  @ApiProperty({ type: [RegionFigures], description: '下级区划（全省：各市州；市州：各县市区及市本级）' })
  children!: RegionFigures[];
}

export class PresaleMonthlyFigures {
  @count('当月发证的 Y 号', 1) y!: number;
  @count('当月发证的 Z 号', 0) z!: number;
  @area('预售面积', 12345.67) presaleArea!: number;
  @count('套数', 120) units!: number;
}

export class FilingMonthlyFigures {
  @count('当月备案数（含其后注销的）', 12) filed!: number;
  @area('建筑面积', 1074) floorArea!: number;
  @fen('合同金额', 1481480400) amountFen!: number;
  @ApiProperty({ type: PaymentMethodCounts }) byPaymentMethod!: PaymentMethodCounts;
  @count('注销日期在当月的', 1) cancelled!: number;
}

export class MonthlyFigures implements MonthlyFiguresV1 {
  @ApiProperty({ example: '2024-09' }) month!: string;
  @ApiProperty({ type: PermitFigures, description: '当月发证的施工许可证（项目类型为现在的类型）' })
  permits!: PermitFigures;
  @ApiProperty({ type: PresaleMonthlyFigures }) presale!: PresaleMonthlyFigures;
  @ApiProperty({ type: FilingMonthlyFigures }) filings!: FilingMonthlyFigures;
}

export class StatisticsMonthly implements StatisticsMonthlyV1 {
  @ApiProperty({ example: '430200' }) regionCode!: string;
  @ApiProperty({ example: '株洲市' }) regionName!: string;
  @ApiProperty({ example: '2024-06' }) from!: string;
  @ApiProperty({ example: '2024-09' }) to!: string;
  @ApiProperty({ type: [MonthlyFigures], description: '每月一行（含无记录的月份）' }) months!: MonthlyFigures[];
}

const KINDS: StatisticsRecordKindV1[] = [
  'CONSTRUCTION_PERMIT',
  'PRESALE_PERMIT',
  'PROJECT',
  'CONTRACT_FILING',
  'ALERT',
];

export class StatisticsRecord implements StatisticsRecordV1 {
  @ApiProperty({ enum: KINDS, example: 'CONSTRUCTION_PERMIT' }) kind!: StatisticsRecordKindV1;
  @ApiProperty({ example: '430223202406200101', description: '许可证号、合同备案号、项目代码或预警编号' })
  key!: string;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: '相关编号（预警对象、备案所属预售许可证等）',
  })
  reference!: string | null;
  @ApiProperty({ example: '430223', description: '记录上的区划代码' }) regionCode!: string;
  @ApiProperty({ example: '430223', description: '计入的现行区划（已撤销代码计入承继区划）' }) countedUnder!: string;
  @ApiProperty({ example: '攸县' }) regionName!: string;
  @ApiProperty({ example: '2024-430223-70-03-012345', nullable: true, type: String }) projectCode!: string | null;
  @ApiProperty({ example: '锦绣星城三期（22#栋）' }) projectName!: string;
  @ApiProperty({ example: '2024-06-20', nullable: true, type: String, format: 'date' }) date!: string | null;
  @ApiProperty({ example: 12345.67, nullable: true, type: Number, description: '该统计项累加的面积（m²）' })
  area!: number | null;
  @ApiProperty({ example: null, nullable: true, type: 'integer', description: '该统计项累加的金额（分）' })
  amountFen!: number | null;
  @ApiProperty({ example: null, nullable: true, type: 'integer', description: '套数' }) units!: number | null;
}

export class StatisticsRecordPage implements StatisticsRecordPageV1 {
  @ApiProperty({ example: '430223' }) regionCode!: string;
  @ApiProperty({ example: 'permits.byProjectType.PRESALE' }) figure!: string;
  @ApiProperty({ example: '2026-11-30', format: 'date' }) asOf!: string;
  @ApiProperty({ type: [StatisticsRecord] }) items!: StatisticsRecord[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
  @ApiProperty({ example: 3, description: '记录总数，等于汇总结果中该统计项的数字（计数项）' }) total!: number;
}
