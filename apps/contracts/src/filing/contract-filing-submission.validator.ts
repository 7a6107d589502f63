import { BUYER_ID_TYPES, ContractBuyerV1, ContractFilingSubmissionV1, ContractRoomV1, FieldError, isCleanText, isPlainText } from '@hn/contracts';
import { isIsoDate, isValidCreditCode, parsePresaleNumber } from '@hn/numbering';
import { idNumberProblem, isValidPhone, normalizeIdNumber } from './buyer-identity';
import { MAX_AMOUNT_FEN, validatePayment } from './payment.validator';

export const MAX_ROOMS = 200;
export const MAX_BUYERS = 20;

export interface FilingValidationContext {
  /** YYYY-MM-DD in China Standard Time */
  today: string;
  /** first filing date that gets a unified number (CONTRACT_CUTOVER_DATE) */
  cutoverDate: string;
}

type Add = (field: string, reason: string) => void;

/** Required official-record text: the shared plain-text rule (not blank, ≤ max, no NUL/control character/lone surrogate). */
const text = (v: unknown, max: number): v is string => isPlainText(v, max);
const hasControlChar = (v: string): boolean => !isCleanText(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Completeness check of a contract filing, done in the service whatever the gateway checked:
 * every missing or invalid field is reported at once, with its path (rooms[0].floorArea,
 * buyers[1].idNumber, payment.commercialLoan, …). Pure; never echoes ID or phone numbers.
 */
export function validateContractFilingSubmission(s: ContractFilingSubmissionV1, ctx: FilingValidationContext): FieldError[] {
  if (!isObject(s)) return [{ field: 'body', reason: '请求体必须是对象 (body must be an object)' }];
  const errors: FieldError[] = [];
  const add: Add = (field, reason) => void errors.push({ field, reason });

  if (typeof s.presaleNumber !== 'string' || parsePresaleNumber(s.presaleNumber) === null) {
    add('presaleNumber', '预售许可证编号格式应为 18 位施工许可证号-Y/Z两位序号 (format <18 digits>-<Y|Z><NN>)');
  }
  if (!text(s.building, 50)) add('building', '楼栋必填，不超过 50 字 (required, ≤ 50 characters)');
  validateRooms(s.rooms, add);
  if (!text(s.address, 300)) add('address', '房屋坐落必填，不超过 300 字 (required, ≤ 300 characters)');
  validateBuyers(s.buyers, ctx.today, add);
  const amountOk = typeof s.contractAmount === 'number' && Number.isSafeInteger(s.contractAmount) && s.contractAmount > 0 && s.contractAmount <= MAX_AMOUNT_FEN;
  if (!amountOk) add('contractAmount', '合同总价须为正整数，单位为分 (positive integer, fen)');
  errors.push(...validatePayment(s.payment, amountOk ? s.contractAmount : undefined));
  if (typeof s.filingDate !== 'string' || !isIsoDate(s.filingDate)) add('filingDate', '备案日期须为 YYYY-MM-DD 格式的真实日期 (ISO date)');
  else if (s.filingDate < ctx.cutoverDate) add('filingDate', `备案日期早于切换日期 ${ctx.cutoverDate}，此前的合同按统计数据报送 (before the cut-over ${ctx.cutoverDate}: report as statistics)`);
  else if (s.filingDate > ctx.today) add('filingDate', '备案日期不能晚于今天 (not in the future)');
  if (!isObject(s.document)) add('document', '合同文件摘要必填 (required)');
  else {
    if (typeof s.document.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(s.document.sha256)) add('document.sha256', '须为 64 位十六进制 SHA-256 摘要 (64 hex digits)');
    if (!text(s.document.fileName, 255) || /[\\/]/.test(s.document.fileName) || hasControlChar(s.document.fileName)) add('document.fileName', '文件名必填，不含路径，不超过 255 字 (required, no path, ≤ 255 characters)');
  }
  return errors;
}

function validateRooms(rooms: ContractRoomV1[], add: Add): void {
  if (!Array.isArray(rooms) || rooms.length === 0) return add('rooms', '至少一个房号 (at least one room)');
  if (rooms.length > MAX_ROOMS) return add('rooms', `一份合同最多 ${MAX_ROOMS} 个房号 (at most ${MAX_ROOMS} rooms)`);
  const seen = new Set<string>();
  rooms.forEach((room, i) => {
    if (!isObject(room)) return add(`rooms[${i}]`, '房屋信息必填 (required)');
    if (!text(room.roomNumber, 50)) add(`rooms[${i}].roomNumber`, '房号必填，不超过 50 字 (required, ≤ 50 characters)');
    else if (seen.has(room.roomNumber.trim())) add(`rooms[${i}].roomNumber`, `房号 ${room.roomNumber.trim()} 重复 (duplicate room)`);
    else seen.add(room.roomNumber.trim());
    if (!Number.isInteger(room.floor) || room.floor === 0 || room.floor < -20 || room.floor > 300) add(`rooms[${i}].floor`, '楼层须为 -20..300 之间的非零整数 (non-zero integer, -20..300)');
    const area = room.floorArea;
    if (typeof area !== 'number' || !(area > 0) || area > 100_000 || Math.abs(Math.round(area * 100) - area * 100) > 1e-6) {
      add(`rooms[${i}].floorArea`, '建筑面积须为正数，最多两位小数（m²）(positive, ≤ 2 decimals)');
    }
  });
}

function validateBuyers(buyers: ContractBuyerV1[], today: string, add: Add): void {
  if (!Array.isArray(buyers) || buyers.length === 0) return add('buyers', '至少一个买受人 (at least one buyer)');
  if (buyers.length > MAX_BUYERS) return add('buyers', `买受人最多 ${MAX_BUYERS} 个 (at most ${MAX_BUYERS} buyers)`);
  const seen = new Set<string>();
  buyers.forEach((buyer, i) => {
    const at = `buyers[${i}]`;
    if (!isObject(buyer)) return add(at, '买受人信息必填 (required)');
    if (buyer.type === 'PERSON') {
      if (!text(buyer.name, 100)) add(`${at}.name`, '姓名必填，不超过 100 字 (required, ≤ 100 characters)');
      const idTypeOk = BUYER_ID_TYPES.includes(buyer.idType);
      if (!idTypeOk) add(`${at}.idType`, `证件类型须为 ${BUYER_ID_TYPES.join('/')} (ID type)`);
      if (typeof buyer.idNumber !== 'string' || buyer.idNumber.trim() === '') add(`${at}.idNumber`, '证件号码必填 (required)');
      else if (idTypeOk) {
        const problem = idNumberProblem(buyer.idType, buyer.idNumber, today);
        if (problem) add(`${at}.idNumber`, problem);
        else {
          const identity = `P:${buyer.idType}:${normalizeIdNumber(buyer.idNumber)}`;
          if (seen.has(identity)) add(`${at}.idNumber`, '同一买受人重复列出 (duplicate buyer)');
          seen.add(identity);
        }
      }
      if (typeof buyer.phone !== 'string' || !isValidPhone(buyer.phone)) add(`${at}.phone`, '联系电话须为 11 位手机号、带区号的固话或 +国际号码 (mobile, landline with area code, or +E.164)');
    } else if (buyer.type === 'ORGANIZATION') {
      if (!text(buyer.name, 200)) add(`${at}.name`, '单位名称必填，不超过 200 字 (required, ≤ 200 characters)');
      if (typeof buyer.creditCode !== 'string' || !isValidCreditCode(buyer.creditCode)) add(`${at}.creditCode`, '统一社会信用代码无效（GB 32100 校验位）(invalid credit code)');
      else if (seen.has(`O:${buyer.creditCode}`)) add(`${at}.creditCode`, '同一买受单位重复列出 (duplicate buyer)');
      else seen.add(`O:${buyer.creditCode}`);
    } else {
      add(`${at}.type`, '买受人类型须为 PERSON 或 ORGANIZATION (buyer type)');
    }
  });
}
