import { assertRegionsAllowed, RegionItem } from '@hn/auth';
import { FieldError, MarkingFilterTypeV1, Principal, PROJECT_TYPES, ProjectType } from '@hn/messages';
import { parsePermitNumber } from '@hn/numbering';
import { MarkingErrors } from './marking.exception';

/** At most this many permit numbers in one batch or submit. */
export const MAX_MARKING_PERMITS = 1000;
export const PROJECT_CODE = /^\d{4}-(43\d{4})-\d{2}-\d{2}-\d{6}$/;
/** 社会投资房建类 (project category) with works category 01 一般工业与民用建筑 (last two digits of the permit number). */
export const MARKING_PROJECT_CATEGORY = '社会投资房建类';
export const MARKING_WORKS_CATEGORY = '01';

// Marking is staff work: assertStaff (CORRECTOR for corrections) and assertRegionsAllowed from @hn/auth.

/**
 * 1..1000 distinct, well-formed permit numbers (checked again here: the gateway is not trusted),
 * each inside the caller's regions by its number's region code.
 */
export function checkPermitNumbers(principal: Principal, raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > MAX_MARKING_PERMITS) {
    throw MarkingErrors.invalid([
      {
        field: 'permitNumbers',
        reason: `须列出 1–${MAX_MARKING_PERMITS} 个施工许可证编号 (1..${MAX_MARKING_PERMITS} permit numbers)`,
      },
    ]);
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const regions: RegionItem[] = [];
  raw.forEach((value, i) => {
    const parsed = parsePermitNumber(String(value));
    if (typeof value !== 'string' || !parsed.ok)
      errors.push({
        field: `permitNumbers[${i}]`,
        reason: parsed.ok ? '须为字符串 (must be a string)' : `${parsed.reason}: ${parsed.message}`,
      });
    else if (seen.has(value))
      errors.push({ field: `permitNumbers[${i}]`, reason: `重复的施工许可证编号 ${value} (duplicate permit number)` });
    else {
      seen.add(value);
      regions.push({ key: value, regionCode: parsed.value.regionCode });
    }
  });
  if (errors.length > 0) throw MarkingErrors.invalidPermitNumbers(errors);
  assertRegionsAllowed(principal, 'permitNumbers', regions);
  return [...seen];
}

export function checkProjectType(raw: unknown, field = 'projectType'): ProjectType {
  if (typeof raw !== 'string' || !(PROJECT_TYPES as readonly string[]).includes(raw)) {
    throw MarkingErrors.invalid([
      {
        field,
        reason:
          '项目类型须为 PRESALE（预售商品房）、CURRENT_SALE（现售商品房）或 OTHER（其它）(PRESALE|CURRENT_SALE|OTHER)',
      },
    ]);
  }
  return raw as ProjectType;
}

export function isFilterType(value: unknown): value is MarkingFilterTypeV1 {
  return value === 'UNMARKED' || (typeof value === 'string' && (PROJECT_TYPES as readonly string[]).includes(value));
}
