import type { BuildingUnitV1, PermitUpsertV1, ProjectType } from '@hn/messages';
import { isIsoDate, isValidCreditCode, parsePermitNumber } from '@hn/numbering';
import { unitFieldName } from './import-columns';
import type {
  ImportRecord,
  ImportRowError,
  ImportUnitInput,
  ImportValidation,
  ImportValidationOptions,
  PermitField,
} from './import-record';

/** 项目类型：英文代码或中文名称均可；空 = 未标记 (null). */
const PROJECT_TYPE_INPUTS: Record<string, ProjectType> = {
  PRESALE: 'PRESALE',
  CURRENT_SALE: 'CURRENT_SALE',
  OTHER: 'OTHER',
  预售商品房: 'PRESALE',
  现售商品房: 'CURRENT_SALE',
  其它: 'OTHER',
  其他: 'OTHER',
};

/** 工改项目编码：年份-区划(湖南 43xxxx)-行业-类型-流水号，如 2024-430223-70-03-012345 */
const PROJECT_CODE = /^\d{4}-43\d{4}-\d{2}-\d{2}-\d{6}$/;
/** 单体编码：1–64 位字母、数字或连字符（与许可服务的校验一致） */
const UNIT_CODE = /^[A-Za-z0-9-]{1,64}$/;
const REGION_CODE = /^\d{6}$/;
const MAX_TEXT = 200;
/** 项目类别 project category (e.g. 社会投资房建类): free text, at most this many characters (as the gateway's upsert DTO) */
const MAX_CATEGORY = 50;
/** 项目类别省略时的默认值（与许可服务的默认值一致）/ default project category, as in the permits service */
const DEFAULT_PROJECT_CATEGORY = '社会投资房建类';
const MAX_FLOORS = 200;
const MAX_FLOOR_AREA = 10_000_000;

/**
 * 校验一条导入记录，一次列出该记录的全部问题；通过时给出可直接提交的 PermitUpsertV1。
 * Validates one record and reports every problem at once; on success returns the normalised upsert body.
 */
export function validateImportRecord(record: ImportRecord, options: ImportValidationOptions): ImportValidation {
  const errors: ImportRowError[] = [...record.problems];
  // A whole-file problem, or an element that is not a permit at all: nothing more to check.
  if (errors.some((error) => error.row === 0 || error.field === 'record')) return { ok: false, errors };

  const row = record.rows[0];
  const fail = (field: string, reason: string): void => {
    errors.push({ row, field, reason });
  };
  const text = (field: PermitField): string => {
    const value = record.values[field];
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value.trim();
    fail(field, '应为文本 (expected a string)');
    return '';
  };
  const required = (field: PermitField, label: string): string => {
    const value = text(field);
    if (!value && !errors.some((e) => e.row === row && e.field === field)) fail(field, `${label}不能为空 (required)`);
    return value;
  };

  // 施工许可证编号 permit number
  const permitNumber = required('permitNumber', '施工许可证编号');
  const parsed = permitNumber ? parsePermitNumber(permitNumber, { today: options.today }) : null;
  if (parsed && !parsed.ok) fail('permitNumber', parsed.message);
  const number = parsed?.ok ? parsed.value : null;
  if (record.duplicateRows.length > 0) {
    fail(
      'permitNumber',
      `施工许可证编号在文件中重复出现（另见第 ${record.duplicateRows.join('、')} 行）(duplicate permit number in file)`,
    );
  }

  // 项目 project
  const projectCode = required('projectCode', '项目代码');
  if (projectCode && !PROJECT_CODE.test(projectCode)) {
    fail(
      'projectCode',
      '项目代码格式应为 年份-区划(43xxxx)-行业-类型-流水号，如 2024-430223-70-03-012345 (invalid project code)',
    );
  }
  const projectName = required('projectName', '项目名称');
  if (projectName.length > MAX_TEXT) fail('projectName', `项目名称不能超过 ${MAX_TEXT} 字 (too long)`);

  // 区划 region: must be the region encoded in the permit number
  const regionCode = required('regionCode', '建设地点区划代码');
  if (regionCode && !REGION_CODE.test(regionCode)) {
    fail('regionCode', '建设地点区划代码应为 6 位数字 (expected 6 digits)');
  } else if (regionCode && number && regionCode !== number.regionCode) {
    fail(
      'regionCode',
      `建设地点区划代码 ${regionCode} 与施工许可证编号中的区划 ${number.regionCode}（${number.regionName}）不一致 (region differs from permit number)`,
    );
  }

  // 项目类型 project type
  const projectTypeText = text('projectType');
  let projectType: ProjectType | null = null;
  if (projectTypeText) {
    const mapped = PROJECT_TYPE_INPUTS[projectTypeText.toUpperCase()] ?? PROJECT_TYPE_INPUTS[projectTypeText];
    if (mapped) projectType = mapped;
    else {
      fail(
        'projectType',
        `项目类型“${projectTypeText}”无效，应为 PRESALE（预售商品房）、CURRENT_SALE（现售商品房）、OTHER（其它）或留空（未标记）(invalid project type)`,
      );
    }
  }

  // 项目类别 project category (optional free text, e.g. 社会投资房建类 / 政府投资房建类). It is NOT the
  // works category code (工程类别 01..19) in the last two digits of the permit number — that code is
  // checked by parsePermitNumber above — so the two are never compared.
  const category = text('category') || DEFAULT_PROJECT_CATEGORY;
  if (category.length > MAX_CATEGORY) fail('category', `项目类别不能超过 ${MAX_CATEGORY} 字 (too long)`);

  // 建设单位 developer
  const developerName = required('developerName', '建设单位');
  if (developerName.length > MAX_TEXT) fail('developerName', `建设单位名称不能超过 ${MAX_TEXT} 字 (too long)`);
  const developerCreditCode = required('developerCreditCode', '统一社会信用代码').toUpperCase();
  if (developerCreditCode && !isValidCreditCode(developerCreditCode)) {
    fail(
      'developerCreditCode',
      `统一社会信用代码 ${developerCreditCode} 无效（校验码不符或含非法字符）(invalid credit code)`,
    );
  }

  // 日期 dates
  const date = (field: PermitField, label: string, isRequired: boolean): string | null => {
    const value = isRequired ? required(field, label) : text(field);
    if (!value) return null;
    if (!isIsoDate(value)) {
      fail(field, `${label}“${value}”不是有效日期，应为 YYYY-MM-DD (invalid ISO date)`);
      return null;
    }
    return value;
  };
  const issueDate = date('issueDate', '发证日期', true);
  if (issueDate && number && issueDate !== number.issueDate) {
    fail(
      'issueDate',
      `发证日期 ${issueDate} 与施工许可证编号中的日期 ${number.issueDate} 不一致 (issue date differs from permit number)`,
    );
  }
  const startDate = date('startDate', '开工日期', false);
  const plannedCompletionDate = date('plannedCompletionDate', '计划竣工日期', false);
  const fivePartyAcceptanceDate = date('fivePartyAcceptanceDate', '五方验收日期', false);
  const completionFilingDate = date('completionFilingDate', '竣工备案日期', false);
  if (startDate && plannedCompletionDate && startDate > plannedCompletionDate) {
    fail(
      'plannedCompletionDate',
      `计划竣工日期 ${plannedCompletionDate} 早于开工日期 ${startDate} (planned completion before start)`,
    );
  }
  if (fivePartyAcceptanceDate && fivePartyAcceptanceDate > options.today) {
    fail('fivePartyAcceptanceDate', `五方验收日期 ${fivePartyAcceptanceDate} 晚于今天 (date in the future)`);
  }
  if (completionFilingDate && completionFilingDate > options.today) {
    fail('completionFilingDate', `竣工备案日期 ${completionFilingDate} 晚于今天 (date in the future)`);
  }
  if (fivePartyAcceptanceDate && completionFilingDate && completionFilingDate < fivePartyAcceptanceDate) {
    fail(
      'completionFilingDate',
      `竣工备案日期 ${completionFilingDate} 早于五方验收日期 ${fivePartyAcceptanceDate} (filing before acceptance)`,
    );
  }

  // 单体 building units
  const units = validateUnits(record.units, errors);

  if (errors.length > 0) return { ok: false, errors };
  const body: PermitUpsertV1 = {
    projectCode,
    projectName,
    regionCode,
    projectType,
    category,
    developerName,
    developerCreditCode,
    issueDate: issueDate ?? '',
    startDate,
    plannedCompletionDate,
    fivePartyAcceptanceDate,
    completionFilingDate,
    units,
  };
  return { ok: true, permitNumber, body };
}

function validateUnits(inputs: ImportUnitInput[], errors: ImportRowError[]): BuildingUnitV1[] {
  const units: BuildingUnitV1[] = [];
  /** unit code → where it first appeared ("第 5 行" in CSV, "units[0]" in JSON) */
  const seen = new Map<string, string>();
  for (const input of inputs) {
    const fail = (field: 'unitCode' | 'name' | 'floors' | 'floorArea', reason: string): void => {
      errors.push({ row: input.row, field: unitFieldName(input.path, field), reason });
    };
    const text = (field: 'unitCode' | 'name', label: string): string => {
      const value = input.values[field];
      if (typeof value === 'string' && value.trim()) return value.trim();
      if (value === undefined || value === null || typeof value === 'string')
        fail(field, `${label}不能为空 (required)`);
      else fail(field, `${label}应为文本 (expected a string)`);
      return '';
    };
    const unitCode = text('unitCode', '单体编码');
    if (unitCode && !UNIT_CODE.test(unitCode)) {
      fail(
        'unitCode',
        `单体编码 ${unitCode} 应为 1~64 位字母、数字或连字符 (unit code: 1-64 letters, digits, hyphens)`,
      );
    } else if (unitCode) {
      const first = seen.get(unitCode);
      if (first !== undefined) {
        fail('unitCode', `单体编码 ${unitCode} 在本许可证中重复（首次出现于${first}）(duplicate unit code)`);
      } else seen.set(unitCode, input.path ? ` ${input.path}` : `第 ${input.row} 行`);
    }
    const name = text('name', '单体名称');
    const floors = numeric(input.values.floors);
    if (floors === null || !Number.isInteger(floors) || floors < 1 || floors > MAX_FLOORS) {
      fail('floors', `层数应为 1~${MAX_FLOORS} 的正整数 (floors must be a positive integer)`);
    }
    const floorArea = numeric(input.values.floorArea);
    if (floorArea === null || floorArea <= 0 || floorArea > MAX_FLOOR_AREA) {
      fail('floorArea', '建筑面积应为大于 0 的数值（平方米）(floor area must be a positive number)');
    }
    if (floors !== null && floorArea !== null) {
      units.push({ unitCode, name, floors, floorArea: Math.round(floorArea * 100) / 100 });
    }
  }
  return units;
}

/** A finite number, or a plain decimal string ("12", "1234.5"); anything else → null. */
function numeric(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : null;
}
