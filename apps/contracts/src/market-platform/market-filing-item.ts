import { isPlainText } from '@hn/messages';
import { isIsoDate, parseContractNumber, parsePresaleNumber } from '@hn/numbering';
import { isMonth } from '../signing-statistics/statistic-months';
import { toHundredths } from '../signing-statistics/signing-statistic.validator';

/** 备案 / 注销 on the market platform. */
export type MarketFilingStatus = 'FILED' | 'CANCELLED';

export const MARKET_FILING_STATUSES: readonly MarketFilingStatus[] = ['FILED', 'CANCELLED'];

/**
 * One record of 房地产市场监管平台 GET /api/filings (its wire format). `id` is the platform's own
 * record id (the upsert key); a record changed later (e.g. cancelled) comes again under the same id.
 * contractNumber is present for contracts filed from the cut-over with a unified number.
 */
export interface MarketFilingItem {
  id: string;
  contractNumber?: string | null;
  localContractNo: string;
  presaleNumber: string;
  /** YYYY-MM the filing counts for */
  month: string;
  filingDate: string;
  /** m², two decimals */
  floorArea: number;
  amountFen: number;
  status: MarketFilingStatus;
}

/** One page: items after the request's cursor; nextCursor resumes after them. */
export interface MarketFilingPage {
  items: unknown[];
  nextCursor: string | null;
  /** false when the page reached the current end of the feed (absent: more while items come) */
  hasMore?: boolean;
}

/** A validated item, floor area in hundredths of m². */
export interface ValidMarketFiling {
  id: string;
  contractNumber: string | null;
  localContractNo: string;
  presaleNumber: string;
  month: string;
  filingDate: string;
  floorAreaHundredths: number;
  amountFen: number;
  status: MarketFilingStatus;
}

export type MarketItemCheck =
  { ok: true; value: ValidMarketFiling } | { ok: false; sourceId: string | null; problems: string[] };

const MAX_AREA_HUNDREDTHS = 10_000_000 * 100;
// wider than a filing's MAX_AMOUNT_FEN on purpose: an implausible market amount is still compared and shows as a difference
const MARKET_AMOUNT_CEILING_FEN = 100_000_000_000_000;

const isText = (v: unknown, max: number): v is string => isPlainText(v, max);

/** Validates one item of a page; every problem is named (bad items are recorded, never crash a pull). */
export function validateMarketItem(raw: unknown): MarketItemCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, sourceId: null, problems: ['item: 不是对象 (not an object)'] };
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const id = isText(r['id'], 64) ? r['id'] : null;
  if (id === null) problems.push('id: 须为 1–64 位字符串 (1–64 characters)');
  if (!isText(r['localContractNo'], 64)) problems.push('localContractNo: 须为 1–64 位字符串 (1–64 characters)');
  const presaleNumber = r['presaleNumber'];
  const presaleOk = typeof presaleNumber === 'string' && parsePresaleNumber(presaleNumber) !== null;
  if (!presaleOk) problems.push('presaleNumber: 预售许可证编号格式无效 (invalid presale number)');
  const contractNumber = r['contractNumber'];
  if (contractNumber !== undefined && contractNumber !== null && contractNumber !== '') {
    const parsed = typeof contractNumber === 'string' ? parseContractNumber(contractNumber) : null;
    if (!parsed) problems.push('contractNumber: 合同备案编号格式无效 (invalid contract number)');
    else if (presaleOk && parsed.presaleNumber !== presaleNumber)
      problems.push('contractNumber: 与预售许可证编号不符 (does not belong to presaleNumber)');
  }
  if (!isMonth(r['month'])) problems.push('month: 须为 YYYY-MM (YYYY-MM)');
  const filingDate = r['filingDate'];
  if (typeof filingDate !== 'string' || !isIsoDate(filingDate))
    problems.push('filingDate: 须为 YYYY-MM-DD 日期 (YYYY-MM-DD)');
  const area = toHundredths(r['floorArea']);
  if (area === null || area < 0 || area > MAX_AREA_HUNDREDTHS)
    problems.push('floorArea: 须为非负数且最多两位小数 (≥ 0, two decimals)');
  const amount = r['amountFen'];
  const amountOk =
    typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0 && amount <= MARKET_AMOUNT_CEILING_FEN;
  if (!amountOk) problems.push('amountFen: 须为非负整数（分）(non-negative integer, fen)');
  const status = r['status'];
  if (!MARKET_FILING_STATUSES.includes(status as MarketFilingStatus))
    problems.push(`status: 须为 ${MARKET_FILING_STATUSES.join('/')} (${MARKET_FILING_STATUSES.join('|')})`);
  if (problems.length > 0) return { ok: false, sourceId: id, problems };
  return {
    ok: true,
    value: {
      id: id as string,
      contractNumber: typeof contractNumber === 'string' && contractNumber !== '' ? contractNumber : null,
      localContractNo: r['localContractNo'] as string,
      presaleNumber: presaleNumber as string,
      month: r['month'] as string,
      filingDate: filingDate as string,
      floorAreaHundredths: area as number,
      amountFen: amount as number,
      status: status as MarketFilingStatus,
    },
  };
}

/** The envelope of a page, or a description of what is wrong with it (a broken page is retried, then fails the pull). */
export function parseMarketPage(body: unknown): MarketFilingPage | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return '响应不是 JSON 对象 (response is not a JSON object)';
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b['items'])) return '响应缺少 items 数组 (items array missing)';
  const next = b['nextCursor'];
  if (next !== null && next !== undefined && (typeof next !== 'string' || next.length > 1024))
    return 'nextCursor 须为字符串或 null (nextCursor: string or null)';
  const hasMore = b['hasMore'];
  if (hasMore !== undefined && typeof hasMore !== 'boolean') return 'hasMore 须为布尔值 (hasMore: boolean)';
  return {
    items: b['items'] as unknown[],
    nextCursor: (next as string | null | undefined) ?? null,
    ...(hasMore === undefined ? {} : { hasMore }),
  };
}
