import { assertRegionsAllowed, regionOf } from '@hn/auth';
import {
  MarkingBatchRequest,
  MarkingFilterTypeV1,
  MarkingSubmitRequest,
  Principal,
  PROJECT_TYPES,
  ProjectType,
  validateMessage,
} from '@hn/messages';
import { MarkingErrors } from './marking.exception';

/** 社会投资房建类 (project category) with works category 01 一般工业与民用建筑 (last two digits of the permit number). */
export const MARKING_PROJECT_CATEGORY = '社会投资房建类';
export const MARKING_WORKS_CATEGORY = '01';

// Marking is staff work: assertStaff (CORRECTOR for corrections) and assertRegionsAllowed from @hn/auth.

/**
 * The 批量标记 / 提交 payload by its message class (the gateway validates the same class: 422
 * INCOMPLETE_SUBMISSION with one field list on both paths), then each number inside the caller's
 * regions by its number's region code (403 naming every number outside).
 */
export async function checkMarkingBatch(
  principal: Principal,
  body: unknown,
): Promise<{ numbers: string[]; projectType: ProjectType }> {
  const checked = await validateMessage(MarkingBatchRequest, body);
  if (!checked.ok) throw MarkingErrors.invalid(checked.errors);
  assertPermitRegions(principal, checked.value.permitNumbers);
  return { numbers: checked.value.permitNumbers, projectType: checked.value.projectType };
}

export async function checkMarkingSubmit(principal: Principal, body: unknown): Promise<string[]> {
  const checked = await validateMessage(MarkingSubmitRequest, body);
  if (!checked.ok) throw MarkingErrors.invalid(checked.errors);
  assertPermitRegions(principal, checked.value.permitNumbers);
  return checked.value.permitNumbers;
}

function assertPermitRegions(principal: Principal, numbers: string[]): void {
  assertRegionsAllowed(
    principal,
    'permitNumbers',
    numbers.map((key) => ({ key, regionCode: regionOf(key) })),
  );
}

export function isFilterType(value: unknown): value is MarkingFilterTypeV1 {
  return value === 'UNMARKED' || (typeof value === 'string' && (PROJECT_TYPES as readonly string[]).includes(value));
}
