import { assertRegionsAllowed, regionOf } from '@hn/auth';
import { MarkingBatchRequestV1, MarkingSubmitRequestV1, Principal, ProjectType } from '@hn/messages';

/** 社会投资房建类 (project category) with works category 01 一般工业与民用建筑 (last two digits of the permit number). */
export const MARKING_PROJECT_CATEGORY = '社会投资房建类';
export const MARKING_WORKS_CATEGORY = '01';

// Marking is staff work: assertStaff (CORRECTOR for corrections) and assertRegionsAllowed from @hn/auth.

/**
 * The 批量标记 / 提交 payload, validated before by its Rpc entry's class (the gateway validates the same class:
 * 422 INCOMPLETE_SUBMISSION with one field list on both paths), then each number inside the caller's
 * regions by its number's region code (403 naming every number outside).
 */
export async function checkMarkingBatch(
  principal: Principal,
  body: MarkingBatchRequestV1,
): Promise<{ numbers: string[]; projectType: ProjectType }> {
  // the body was validated with MarkingBatchRequest by @RpcHandler(Rpc.markingBatch)
  assertPermitRegions(principal, body.permitNumbers);
  return { numbers: body.permitNumbers, projectType: body.projectType };
}

export async function checkMarkingSubmit(principal: Principal, body: MarkingSubmitRequestV1): Promise<string[]> {
  // the body was validated with MarkingSubmitRequest by @RpcHandler(Rpc.markingSubmit)
  assertPermitRegions(principal, body.permitNumbers);
  return body.permitNumbers;
}

function assertPermitRegions(principal: Principal, numbers: string[]): void {
  assertRegionsAllowed(
    principal,
    'permitNumbers',
    numbers.map((key) => ({ key, regionCode: regionOf(key) })),
  );
}
