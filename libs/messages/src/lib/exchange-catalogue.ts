import { ApiProperty } from '@nestjs/swagger';
import { ESCROW_VIEW_FIELDS, PRESALE_VIEW_FIELDS, SIGNING_STATISTIC_VIEW_FIELDS } from './exchange';

/** One field of a pushed resource (数据目录). */
export class CatalogueFieldV1 {
  @ApiProperty({ example: 'presaleNumber' }) field!: string;
  @ApiProperty({ example: '预售许可证统一编号' }) nameZh!: string;
  @ApiProperty({ example: 'string' }) type!: string;
  @ApiProperty({ example: '18 位施工许可证号 + "-" + Y/Z + 2 位序号；推送的排序键' }) meaning!: string;
}

export class CatalogueResourceV1 {
  @ApiProperty({ example: 'PRESALE_PERMIT' }) resource!: string;
  @ApiProperty({ example: '商品房预售许可证' }) nameZh!: string;
  @ApiProperty({ example: ['hn.presale.permit.issued.v1'] }) eventTypes!: string[];
  @ApiProperty({ type: [CatalogueFieldV1] }) fields!: CatalogueFieldV1[];
}

export class ExchangeCatalogueV1 {
  @ApiProperty({ type: [CatalogueResourceV1] }) resources!: CatalogueResourceV1[];
}

type Field = (typeof PRESALE_VIEW_FIELDS)[number];

const PRESALE_FIELDS: Record<Field, [string, string, string]> = {
  presaleNumber: [
    '预售许可证统一编号',
    'string',
    '施工许可证号-Y/Z+序号，如 430223202406200101-Y01；总会推送，是保序的键',
  ],
  letter: ['编号类别', 'string (Y|Z)', 'Y 新办取号，Z 存量补录'],
  serial: ['序号', 'integer', '同一施工许可证下的序号 1–99'],
  projectCode: ['项目代码', 'string', '投资项目统一代码'],
  regionCode: ['行政区划代码', 'string (6 位)', 'GB/T 2260 县级区划'],
  constructionPermitNumbers: ['施工许可证号', 'string[]', '关联的施工许可证（18 位）'],
  unitCodes: ['单体编码', 'string[]', '纳入预售的楼栋单体'],
  localCertificateNumber: ['原证书编号', 'string', '发证机关的本地证书编号'],
  issuingAuthority: ['发证机关', 'string', ''],
  issueDate: ['发证日期', 'date (YYYY-MM-DD)', ''],
  developer: ['开发企业', 'object {name, creditCode}', '企业名称与统一社会信用代码（法人，非个人信息）'],
  projectName: ['项目名称', 'string', ''],
  address: ['坐落', 'string', ''],
  buildings: ['楼栋', 'string[]', ''],
  presaleArea: ['预售面积', 'number (m²)', ''],
  unitCount: ['预售套数', 'integer', ''],
  plannedUse: ['规划用途', 'string', ''],
  fundSupervision: ['资金监管', 'object {bank, account} | null', '监管银行与监管账户'],
  location: ['位置', 'object {lat, lng}', 'WGS-84 坐标'],
  chainToken: ['防伪链码', 'string', '可离线验证的签名令牌（见 chain-token.md）'],
  verifyUrl: ['核验地址', 'string (URL)', '公众扫码核验地址'],
  logIndex: ['透明日志序号', 'integer', ''],
  status: ['状态', 'string (VALID|CORRECTED)', ''],
  issuedAt: ['取号时间', 'timestamp (RFC 3339)', ''],
};

const STATISTIC_FIELDS: Record<(typeof SIGNING_STATISTIC_VIEW_FIELDS)[number], [string, string, string]> = {
  presaleNumber: ['预售许可证统一编号', 'string', '总会推送，是保序的键'],
  regionCode: ['行政区划代码', 'string (6 位)', ''],
  projectName: ['项目名称', 'string | null', '未知时为 null'],
  month: ['统计月份', 'string (YYYY-MM)', ''],
  contractsSigned: ['网签套数', 'integer', '该月签约合同数'],
  floorArea: ['网签面积', 'number (m²)', '两位小数'],
  amountFen: ['网签金额', 'integer (分)', ''],
  kind: ['报送类别', 'string (BACKFILL|PERIODIC)', '切换日前补录 / 定期报送'],
  state: ['状态', 'string (SUBMITTED)', '推送的均为已提交（锁定）的统计'],
  version: ['版本号', 'integer', ''],
  submittedAt: ['提交时间', 'timestamp (RFC 3339)', ''],
};

const ESCROW_FIELDS: Record<(typeof ESCROW_VIEW_FIELDS)[number], [string, string, string]> = {
  presaleNumber: ['预售许可证统一编号', 'string', '总会推送，是保序的键'],
  regionCode: ['行政区划代码', 'string (6 位)', ''],
  projectName: ['项目名称', 'string', ''],
  capitalGuaranteeAmount: ['资本金保证金额', 'integer (分) | null', '以承诺函代替时为 null'],
  commitmentLetter: ['承诺函', 'boolean', '是否以承诺函代替保证金'],
  fundSupervision: ['资金监管', 'boolean', '是否纳入预售资金监管'],
  bank: ['监管银行', 'string | null', ''],
  account: ['监管账户', 'string | null', ''],
  balance: ['监管账户余额', 'integer (分)', ''],
  balanceAsOf: ['余额截至日期', 'date (YYYY-MM-DD)', ''],
  state: ['状态', 'string (SUBMITTED)', ''],
  version: ['版本号', 'integer', ''],
  updatedAt: ['更新时间', 'timestamp (RFC 3339)', ''],
};

const fieldsOf = <F extends string>(
  list: readonly F[],
  names: Record<F, [string, string, string]>,
  prefix: string,
): CatalogueFieldV1[] =>
  list.map((f) => {
    const [nameZh, type, meaning] = names[f];
    return { field: `${prefix}${f}`, nameZh, type, meaning };
  });

/**
 * 数据目录: what the exchange can push, field by field (a data view names these `field`s). Buyers'
 * personal data is in no resource: contract filings are never pushed, only the monthly counts.
 */
export const EXCHANGE_CATALOGUE: ExchangeCatalogueV1 = {
  resources: [
    {
      resource: 'PRESALE_PERMIT',
      nameZh: '商品房预售许可证',
      eventTypes: ['hn.presale.permit.issued.v1', 'hn.presale.permit.backfilled.v1', 'hn.presale.permit.corrected.v1'],
      fields: fieldsOf(PRESALE_VIEW_FIELDS, PRESALE_FIELDS, ''),
    },
    {
      resource: 'SIGNING_STATISTIC',
      nameZh: '商品房网签月度统计',
      eventTypes: ['hn.contracts.statistics.reported.v1'],
      fields: fieldsOf(SIGNING_STATISTIC_VIEW_FIELDS, STATISTIC_FIELDS, 'signingStatistic.'),
    },
    {
      resource: 'ESCROW_RECORD',
      nameZh: '预售资金监管记录',
      eventTypes: ['hn.escrow.record.recorded.v1', 'hn.escrow.record.corrected.v1'],
      fields: fieldsOf(ESCROW_VIEW_FIELDS, ESCROW_FIELDS, 'escrow.'),
    },
  ],
};
